"""The answer cache, through the real SDK against the fake server (requests counted server-side)."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
import textwrap

import pytest

from summariser.backends.cache import AnswerCache, CachedChat, cache_key
from summariser.core.errors import ConfigError, ModelRequestError
from summariser.backends.clients.openai_chat import OpenAIChat
from summariser.core.schema import draft_json_schema
from fakes.fake_openai import Reply

from testkit import draft

SECRET = "sk-test-DO-NOT-STORE-1234567890abcdef"
MESSAGES = [{"role": "system", "content": "Brief it."}, {"role": "user", "content": "<article>Text.</article>"}]


def chat_for(server, cache, **kw) -> CachedChat:
    inner = OpenAIChat(model="gpt-4o-mini", api_key=kw.pop("api_key", SECRET), base_url=server.base_url,
                       max_retries=0, **kw)
    return CachedChat(inner, cache)


def ask(chat: CachedChat, messages=MESSAGES, max_tokens=512):
    async def go():
        try:
            return await chat.complete(messages, schema=draft_json_schema(), schema_name="DraftBrief", max_tokens=max_tokens)
        finally:
            await chat.aclose()
    return asyncio.run(go())


def test_hit_makes_no_request_and_is_marked_cached(fake_openai, tmp_path):
    fake_openai.push(Reply.json(draft()))
    cache = AnswerCache(tmp_path / "c.sqlite3")
    first = ask(chat_for(fake_openai, cache))
    second = ask(chat_for(fake_openai, cache))
    assert len(fake_openai.requests) == 1
    assert not first.cached and second.cached
    assert second.text == first.text and second.usage.requests == 0
    assert cache.info().entries == 1


def test_token_probabilities_are_part_of_the_key_and_come_back_from_the_cache(fake_openai, tmp_path):
    offered = [{"token": "{}", "logprob": -0.1, "top_logprobs": [{"token": "{}", "logprob": -0.1}, {"token": "[", "logprob": -2.4}]}]
    fake_openai.push(Reply.json(draft()), Reply(content="{}", logprobs=offered))
    cache = AnswerCache(tmp_path / "c.sqlite3")

    def ask_with_logprobs():
        chat = chat_for(fake_openai, cache)

        async def go():
            try:
                return await chat.complete(MESSAGES, schema=draft_json_schema(), schema_name="DraftBrief", top_logprobs=2)
            finally:
                await chat.aclose()
        return asyncio.run(go())

    ask(chat_for(fake_openai, cache))
    first, again = ask_with_logprobs(), ask_with_logprobs()
    assert len(fake_openai.requests) == 2, "asking for probabilities is another request"
    assert fake_openai.requests[1]["top_logprobs"] == 2
    assert again.cached and again.logprobs == first.logprobs
    assert [(t.token, t.top) for t in again.logprobs] == [("{}", {"{}": -0.1, "[": -2.4})]


def test_key_covers_what_decides_the_answer():
    base = dict(base_url="http://x/v1", model="m", messages=MESSAGES, schema={"a": 1}, schema_name="S",
                sampling={"temperature": 0.0, "max_tokens": 10})
    key = cache_key(**base)
    assert key == cache_key(**{**base, "base_url": "http://x/v1/"})
    for change in ({"base_url": "http://y/v1"}, {"model": "n"}, {"schema": {"a": 2}}, {"schema_name": "T"},
                   {"messages": MESSAGES[:1]}, {"sampling": {"temperature": 0.7, "max_tokens": 10}},
                   {"sampling": {"temperature": 0.0, "max_tokens": 11}}):
        assert cache_key(**{**base, **change}) != key, change


def test_api_key_is_not_in_the_key_nor_in_the_file(fake_openai, tmp_path):
    fake_openai.push(Reply.json(draft()))
    path = tmp_path / "c.sqlite3"
    cache = AnswerCache(path)
    ask(chat_for(fake_openai, cache, api_key=SECRET))
    other = ask(chat_for(fake_openai, cache, api_key="sk-another-key"))
    assert other.cached and len(fake_openai.requests) == 1
    cache.close()
    stored = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert SECRET.encode() not in stored and b"DO-NOT-STORE" not in stored


def test_errors_are_not_cached(fake_openai, tmp_path):
    fake_openai.push(Reply.error(400), Reply.json(draft()))
    cache = AnswerCache(tmp_path / "c.sqlite3")
    with pytest.raises(ModelRequestError):
        ask(chat_for(fake_openai, cache))
    assert cache.info().entries == 0
    assert not ask(chat_for(fake_openai, cache)).cached
    assert len(fake_openai.requests) == 2 and cache.info().entries == 1


def test_corrupt_file_is_reported_and_rebuilt(tmp_path, caplog):
    path = tmp_path / "c.sqlite3"
    with AnswerCache(path) as healthy:
        healthy.put("old", {"text": "y"})
    for side in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        side.unlink(missing_ok=True)
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * (len(data) - 100))  # SQLite's header kept, its pages damaged
    cache = AnswerCache(path)
    with caplog.at_level(logging.WARNING, logger="summariser.cache"):
        assert cache.get("k") is None
    assert any("corrupt" in r.message and "rebuilding" in r.message for r in caplog.records)
    cache.put("k", {"text": "x"})
    assert cache.get("k") == {"text": "x"}


def test_info_and_clear(tmp_path):
    cache = AnswerCache(tmp_path / "sub" / "c.sqlite3")
    assert cache.info().entries == 0 and cache.clear() == 0
    for i in range(3):
        cache.put(f"k{i}", {"text": str(i)})
    info = cache.info()
    assert info.entries == 3 and info.bytes > 0 and "3 answer(s)" in info.describe()
    assert cache.clear() == 3 and cache.info().entries == 0


WRITER = textwrap.dedent("""
    import sys
    from summariser.backends.cache import AnswerCache
    cache = AnswerCache(sys.argv[1])
    name = sys.argv[2]
    for i in range(150):
        cache.put(f"{name}-{i}", {"text": name * 50})
        cache.put(f"shared-{i}", {"text": "same"})
        assert cache.get(f"{name}-{i}") == {"text": name * 50}
    print("ok")
""")


def test_two_processes_write_at_once(tmp_path):
    path = tmp_path / "c.sqlite3"
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), n], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for n in ("a", "b")]
    outputs = [p.communicate(timeout=60) for p in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0 and out.strip() == b"ok", err.decode()
        assert b"failed" not in err, err.decode()
    assert AnswerCache(path).info().entries == 450


def test_a_file_that_is_not_a_cache_is_left_alone(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my important notes\n" * 50, encoding="utf-8")
    before = notes.read_bytes()
    result = subprocess.run([sys.executable, "-m", "summariser", "cache", "info", "--cache-path", str(notes)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "is not an answer cache" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with pytest.raises(ConfigError, match="left alone"):
        AnswerCache(notes).put("k", {"text": "x"})
    assert notes.read_bytes() == before


def test_another_programs_database_is_left_alone(tmp_path):
    import sqlite3

    path = tmp_path / "app.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
        conn.execute("INSERT INTO users VALUES ('ana')")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ConfigError, match="another program's SQLite database"):
        AnswerCache(path).get("k")
    assert path.read_bytes() == before


def test_a_cache_with_sqlites_own_statistics_table_is_still_a_cache(tmp_path):
    import sqlite3

    path = tmp_path / "c.sqlite3"
    with AnswerCache(path) as cache:
        cache.put("k", {"text": "x"})
    conn = sqlite3.connect(path)
    conn.execute("ANALYZE")
    conn.close()
    assert AnswerCache(path).get("k") == {"text": "x"}
