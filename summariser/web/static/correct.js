// summariser desk, correcting a brief: keys for the common edits, and a new row's quote and
// offsets from the words selected in the article. Every edit is a plain form; this only helps.
(function () {
  'use strict';

  var STANCES = ['favor', 'against', 'mixed', 'neutral', 'unclear'];

  function rows() { return Array.prototype.slice.call(document.querySelectorAll('#rows tr[data-row]')); }
  function currentRow() { return document.activeElement && document.activeElement.closest && document.activeElement.closest('tr[data-row]'); }

  function focusRow(step) {
    var all = rows();
    if (!all.length) return;
    var at = all.indexOf(currentRow());
    var next = at < 0 ? 0 : Math.min(all.length - 1, Math.max(0, at + step));
    all[next].focus();
  }

  function submit(form) { if (form) { if (form.requestSubmit) form.requestSubmit(); else form.submit(); } }

  // The article's offsets of a point in a <pre class="doc">: characters before it in the DOM,
  // plus the CRs (before LF) that the HTML parser dropped.
  function offsetIn(doc, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(doc);
    range.setEnd(node, offset);
    var at = range.toString().length;
    var crs = (doc.dataset.crs || '').split(',').filter(Boolean).map(Number);
    for (var i = 0; i < crs.length && crs[i] <= at; i++) at++;
    return at;
  }

  function selection() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    var range = sel.getRangeAt(0);
    var doc = range.startContainer.parentElement && range.startContainer.parentElement.closest('pre.doc');
    if (!doc || !doc.contains(range.endContainer)) return null;
    return { doc: doc, quote: range.toString(), start: offsetIn(doc, range.startContainer, range.startOffset),
             end: offsetIn(doc, range.endContainer, range.endOffset) };
  }

  function takeSelection() {
    var chosen = selection();
    var form = document.getElementById('add-row');
    if (!chosen || !form) return false;
    document.getElementById('add-quote').value = chosen.quote;
    document.getElementById('add-start').value = chosen.start;
    document.getElementById('add-end').value = chosen.end;
    var source = document.getElementById('add-source');
    if (source && source.tagName === 'SELECT') source.value = chosen.doc.dataset.doc;
    var note = document.getElementById('selection-note');
    if (note) note.textContent = 'Selected characters ' + chosen.start + '–' + chosen.end + ' for a new row.';
    return true;
  }

  function cycleStance(row) {
    var select = row.querySelector('select.stance-select');
    if (!select) return;
    select.value = STANCES[(STANCES.indexOf(select.value) + 1) % STANCES.length];
    submit(document.getElementById('edit-' + row.dataset.row));
  }

  function nextView() {
    var views = ['view-corrected', 'view-original', 'view-diff'];
    var at = views.findIndex(function (id) { return document.getElementById(id).hasAttribute('aria-current'); });
    window.location.assign(document.getElementById(views[(at + 1) % views.length]).href);
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var typing = event.target.closest && event.target.closest('input, textarea, select');
    if (event.key === 'Escape') { var row = currentRow(); if (row) row.focus(); else focusRow(0); return; }
    if (typing) return;
    var row = currentRow();
    var actions = {
      j: function () { focusRow(1); },
      k: function () { focusRow(-1); },
      e: function () { var input = row && row.querySelector('input[name=actor]'); if (input) input.focus(); },
      s: function () { if (row) cycleStance(row); },
      d: function () { if (row) submit(row.querySelector('form.delete-form')); },
      r: function () { if (row) submit(row.querySelector('form.restore-form')); },
      c: function () { submit(document.getElementById('check-form')); },
      a: function () { takeSelection(); var actor = document.getElementById('add-actor'); if (actor) actor.focus(); },
      v: nextView
    };
    if (!actions[event.key]) return;
    event.preventDefault();
    actions[event.key]();
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!document.getElementById('rows')) return;
    document.addEventListener('keydown', onKey);
    document.querySelectorAll('pre.doc').forEach(function (doc) {
      doc.addEventListener('mouseup', takeSelection);
      doc.addEventListener('keyup', takeSelection);
    });
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    if (target && target.matches('tr[data-row]')) target.focus();
    else if (!document.getElementById('error')) focusRow(0);
    document.querySelectorAll('#rows a.q').forEach(function (link) {
      link.addEventListener('click', function (event) {
        var mark = document.getElementById(link.dataset.ev);
        if (!mark) return;
        event.preventDefault();
        document.querySelectorAll('mark.focus').forEach(function (m) { m.classList.remove('focus'); });
        document.querySelectorAll('mark').forEach(function (m) {
          if ((m.dataset.ev || '').split(' ').indexOf(link.dataset.ev) >= 0) m.classList.add('focus');
        });
        mark.scrollIntoView({ block: 'center' });
      });
    });
  });
})();
