// Progressive enhancement only: every action also works as a plain form post.
(function () {
  'use strict';

  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var opener = target.closest('[data-open-dialog]');
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute('data-open-dialog'));
      if (dialog && typeof dialog.showModal === 'function') dialog.showModal();
      return;
    }
    var closer = target.closest('[data-close-dialog]');
    if (closer) {
      var d = closer.closest('dialog');
      if (d) d.close();
      return;
    }
    var toastClose = target.closest('.toast-close');
    if (toastClose) {
      var toast = toastClose.closest('.toast');
      if (toast) toast.remove();
      return;
    }
    var tab = target.closest('[role="tab"]');
    if (tab) selectTab(tab);
  });

  function selectTab(tab) {
    var list = tab.closest('[role="tablist"]');
    if (!list) return;
    list.querySelectorAll('[role="tab"]').forEach(function (t) {
      var selected = t === tab;
      t.setAttribute('aria-selected', selected ? 'true' : 'false');
      t.tabIndex = selected ? 0 : -1;
      var panel = document.getElementById(t.getAttribute('aria-controls'));
      if (panel) panel.hidden = !selected;
    });
  }

  document.addEventListener('keydown', function (event) {
    var tab = event.target instanceof Element ? event.target.closest('[role="tab"]') : null;
    if (!tab || (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft')) return;
    var tabs = Array.prototype.slice.call(tab.closest('[role="tablist"]').querySelectorAll('[role="tab"]'));
    var next = tabs[(tabs.indexOf(tab) + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    next.focus();
    selectTab(next);
  });

  // Live SLA countdowns: <time data-countdown datetime="ISO">. Uses the page clock (Date.now), so
  // Playwright's page.clock moves it in tests.
  function formatRemaining(ms) {
    var sign = ms < 0 ? '-' : '';
    var s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    var parts = d ? [d + 'd', h + 'h', m + 'm'] : h ? [h + 'h', m + 'm'] : [m + 'm'];
    return sign + parts.join(' ');
  }
  function tick() {
    document.querySelectorAll('[data-countdown]').forEach(function (el) {
      if (el.hasAttribute('data-paused')) return;
      var due = Date.parse(el.getAttribute('datetime'));
      if (isNaN(due)) return;
      var ms = due - Date.now();
      el.textContent = ms >= 0 ? formatRemaining(ms) + ' left' : formatRemaining(ms).slice(1) + ' overdue';
      el.classList.toggle('overdue', ms < 0);
    });
  }
  tick();
  setInterval(tick, 1000);
})();
