// summariser web desk: small progressive enhancements, no build step, no libraries.
(function () {
  'use strict';

  // Request form: show the panel of the chosen input; stop double submits.
  function sourcePanels() {
    var form = document.getElementById('brief-form');
    if (!form) return;
    var radios = form.querySelectorAll('input[name="source"]');
    function show() {
      var chosen = form.querySelector('input[name="source"]:checked');
      form.querySelectorAll('.panel').forEach(function (panel) {
        panel.hidden = !chosen || panel.dataset.panel !== chosen.value;
      });
    }
    radios.forEach(function (r) { r.addEventListener('change', show); });
    show();
    form.addEventListener('submit', function () {
      var button = document.getElementById('submit');
      if (button) { button.disabled = true; button.textContent = 'Sending…'; }
    });
  }

  // Request form: extra paste boxes stay hidden until "Add another article" (all show without JS).
  function morePasteBoxes() {
    var boxes = document.getElementById('paste-boxes');
    if (!boxes) return;
    var max = parseInt(boxes.dataset.max, 10) || 10;
    var extras = Array.prototype.slice.call(boxes.querySelectorAll('.more-article'));
    extras.forEach(function (box) { box.hidden = !box.querySelector('textarea').value.trim(); });
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'add-article';
    button.textContent = 'Add another article on this story';
    boxes.appendChild(button);
    function count() { return boxes.querySelectorAll('textarea').length; }
    function refresh() { button.hidden = count() >= max && !boxes.querySelector('.more-article[hidden]'); }
    button.addEventListener('click', function () {
      var box = boxes.querySelector('.more-article[hidden]') || newBox(boxes, extras[0], count() + 1);
      if (!box) return;
      box.hidden = false;
      box.querySelector('textarea').focus();
      refresh();
    });
    refresh();
  }

  function newBox(boxes, template, number) {
    if (!template) return null;
    var box = template.cloneNode(true);
    var area = box.querySelector('textarea');
    var label = box.querySelector('label');
    area.value = '';
    area.id = 'text-' + number;
    label.htmlFor = area.id;
    label.textContent = 'Article ' + number + ' on the same story (optional)';
    boxes.insertBefore(box, boxes.querySelector('button.add-article'));
    return box;
  }

  // Brief view of a story: each quote link says which source it is from (hover).
  function quoteSources() {
    document.querySelectorAll('a.quote[data-ev]').forEach(function (link) {
      var mark = document.getElementById(link.dataset.ev);
      var article = mark && mark.closest('article[data-doc]');
      var item = article && document.querySelector('.desk-sources li[data-source="' + CSS.escape(article.dataset.doc) + '"]');
      if (item) link.title = 'From ' + item.querySelector('.source-title').textContent;
    });
  }

  // Progress page: poll the job's JSON status; go to the brief when it is done, or reload to show
  // the error (and the Run again button) when it failed or was interrupted.
  function pollJob() {
    var box = document.getElementById('job');
    if (!box || box.dataset.status === 'error' || box.dataset.status === 'interrupted') return;
    var url = box.dataset.statusUrl;
    function fail(message) {
      var error = document.getElementById('job-error');
      error.textContent = message;
      error.hidden = false;
      box.querySelector('h1').textContent = 'The brief could not be made';
      var spinner = box.querySelector('.spinner');
      if (spinner) spinner.hidden = true;
    }
    function tick() {
      fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (r) {
          if (r.status === 401 || r.status === 404) {
            fail('Lost track of this request (HTTP ' + r.status + '); look for the brief in History.');
            return null;
          }
          return r.json();
        })
        .then(function (job) {
          if (!job) return;
          document.getElementById('job-stage').textContent = job.stage;
          document.getElementById('job-elapsed').textContent = job.elapsed_s;
          if (job.status === 'done' && job.brief_url) { window.location.assign(job.brief_url); return; }
          if (job.status === 'error' || job.status === 'interrupted') { window.location.reload(); return; }
          window.setTimeout(tick, 700);
        })
        .catch(function () { window.setTimeout(tick, 2000); });
    }
    tick();
  }

  // Confirm before deleting; print button.
  function confirms() {
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
    document.querySelectorAll('[data-print]').forEach(function (button) {
      button.addEventListener('click', function () { window.print(); });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    sourcePanels();
    morePasteBoxes();
    pollJob();
    quoteSources();
    confirms();
  });
})();
