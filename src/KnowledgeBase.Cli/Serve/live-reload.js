// kb serve's live reload: injected into served pages only (never into kb build's output).
// Listens on /_kb/live; reloads on "reload", shows the located errors of a bad edit over the last good page on
// "error", and reconnects after the server restarts (reloading if the site changed meanwhile).
(function () {
  'use strict';
  var script = document.currentScript;
  var pageBuild = script ? script.getAttribute('data-kb-build') : null;
  var endpoint = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/_kb/live';
  var overlayId = 'kb-live-overlay';
  var retryDelay = 250;

  function el(tag, text, css) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text; // textContent: messages are never parsed as HTML
    if (css) node.style.cssText = css;
    return node;
  }

  function clearOverlay() {
    var old = document.getElementById(overlayId);
    if (old) old.remove();
  }

  function showErrors(errors) {
    clearOverlay();
    var box = el('section', undefined,
      'position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;' +
      'background:#1e1e1e;color:#f5f5f5;border-left:6px solid #e5484d;border-radius:6px;padding:1rem 1.25rem;' +
      'font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 8px 30px rgba(0,0,0,.45)');
    box.id = overlayId;
    box.setAttribute('role', 'alert');
    var title = el('h2', 'kb serve: ' + errors.length + ' error' + (errors.length === 1 ? '' : 's') +
      ' — showing the last good version of the site', 'margin:0 0 .5rem;font-size:15px;color:#ff8b8b');
    var close = el('button', '×', 'float:right;background:none;border:0;color:inherit;font-size:20px;cursor:pointer');
    close.setAttribute('aria-label', 'Hide');
    close.addEventListener('click', clearOverlay);
    var list = el('ul', undefined, 'margin:0;padding:0;list-style:none');
    errors.forEach(function (e) {
      var item = el('li', undefined, 'margin:.35rem 0');
      item.className = 'kb-live-error';
      item.appendChild(el('code', e.location, 'color:#8bd5ff'));
      if (e.field) item.appendChild(el('span', ' [' + e.field + ']', 'color:#ffd27a'));
      item.appendChild(el('span', ': ' + e.message));
      list.appendChild(item);
    });
    box.appendChild(close);
    box.appendChild(title);
    box.appendChild(list);
    box.appendChild(el('p', 'Fix the file and save: the page reloads by itself.', 'margin:.5rem 0 0;color:#aaa'));
    document.body.appendChild(box);
  }

  function connect() {
    var socket;
    try { socket = new WebSocket(endpoint); } catch (e) { return retry(); }
    socket.onopen = function () { retryDelay = 250; };
    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.type === 'reload' && message.build !== pageBuild) {
        location.reload();
      } else if (message.type === 'error') {
        showErrors(message.errors || []);
      } else if (message.type === 'hello') {
        // Changed while this tab was not connected (edit, or a restarted server): fetch the current page.
        if (message.build !== pageBuild && message.good) return location.reload();
        if (message.errors && message.errors.length) showErrors(message.errors); else clearOverlay();
      }
    };
    socket.onclose = retry;
  }

  var retrying = false;
  function retry() {
    if (retrying) return;
    retrying = true;
    setTimeout(function () { retrying = false; connect(); }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 5000);
  }

  connect();
})();
