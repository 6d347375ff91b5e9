// Switchboard hosted pages: optional improvements only. Without JavaScript every page still works.
(function () {
  'use strict';
  var body = document.body;

  // "opened" is a person's browser showing the page: tell the server once, by a POST beacon.
  var beacon = body.getAttribute('data-opened-url');
  var token = body.getAttribute('data-csrf');
  if (beacon && token) {
    var data = new URLSearchParams({ csrf: token });
    if (!(navigator.sendBeacon && navigator.sendBeacon(beacon, data))) {
      fetch(beacon, { method: 'POST', body: data, credentials: 'omit', keepalive: true }).catch(function () {});
    }
  }

  // Picker search: filter by name as you type.
  var search = document.getElementById('search');
  if (search) {
    search.hidden = false;
    search.parentElement.hidden = false;
    var items = Array.prototype.slice.call(document.querySelectorAll('.choice'));
    var none = document.getElementById('no-match');
    search.addEventListener('input', function () {
      var q = search.value.trim().toLowerCase();
      var shown = 0;
      items.forEach(function (item) {
        var match = item.getAttribute('data-name').indexOf(q) !== -1;
        item.hidden = !match;
        if (match) shown++;
      });
      if (none) none.hidden = shown !== 0;
    });
  }

  // Inline checks: flag a value that cannot be right when the person leaves the field, and clear the flag (the
  // server's too) as soon as it is fixed. Leaving the field for a button does not flag it: the message would move
  // the button from under the pointer.
  Array.prototype.forEach.call(document.querySelectorAll('input[data-pattern]'), function (input) {
    var live = document.getElementById(input.id + '-live');
    var server = document.getElementById(input.id + '-error');
    var re;
    try { re = new RegExp(input.getAttribute('data-pattern')); } catch (e) { return; }
    function ok() { return input.value === '' || re.test(input.value); }
    function show(bad) {
      input.setAttribute('aria-invalid', bad ? 'true' : 'false');
      input.parentElement.classList.toggle('invalid', bad);
      if (live) { live.hidden = !bad || !!(server && !server.hidden); live.textContent = bad ? 'Not in the expected format.' : ''; }
      if (server && !bad) server.hidden = true;
    }
    input.addEventListener('blur', function (event) {
      var next = event.relatedTarget;
      if (next && (next.tagName === 'BUTTON' || next.tagName === 'A')) return;
      show(!ok());
    });
    input.addEventListener('input', function () {
      if (input.getAttribute('aria-invalid') === 'true' && ok()) show(false);
    });
  });

  // Submit once.
  Array.prototype.forEach.call(document.querySelectorAll('form[data-once]'), function (form) {
    form.addEventListener('submit', function () {
      var button = form.querySelector('button[type=submit]');
      if (button) { button.disabled = true; button.textContent = button.getAttribute('data-busy') || 'Connecting…'; }
    });
  });

  // Inside the Connect modal: tell the embedding page what happened (to its own origin only).
  var result = document.getElementById('connect-result');
  if (result && window.parent !== window) {
    var origin = result.getAttribute('data-origin');
    if (origin) {
      window.parent.postMessage(JSON.parse(result.textContent), origin);
    }
  }
  var closeButton = document.getElementById('connect-close');
  if (closeButton && window.parent !== window) {
    closeButton.hidden = false;
    closeButton.addEventListener('click', function () {
      var origin = closeButton.getAttribute('data-origin');
      if (origin) window.parent.postMessage({ source: 'switchboard-connect', type: 'close' }, origin);
    });
  }
})();
