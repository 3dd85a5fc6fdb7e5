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

  // Times arrive in UTC (<time datetime>, read without this script as "… UTC"); each person reads them
  // in the time zone of their own browser: "2026-12-03 07:30 GMT+8". The day of an instant (data-day)
  // is that person's local day. A calendar date (YYYY-MM-DD) is the same day everywhere: left alone.
  function localTimes() {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    if (document.documentElement.getAttribute('data-time-zone') !== 'viewer') return;
    if (/^(Etc\/)?(UTC|UCT|GMT|Universal|Zulu)$/.test(zone)) return;
    var format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset',
    });
    document.querySelectorAll('time[datetime]').forEach(function (el) {
      var value = el.getAttribute('datetime');
      if (value.length <= 10) return;
      var instant = new Date(value);
      if (isNaN(instant.getTime())) return;
      var part = {};
      format.formatToParts(instant).forEach(function (p) { part[p.type] = p.value; });
      var day = part.year + '-' + part.month + '-' + part.day;
      el.title = value.slice(0, 16).replace('T', ' ') + ' UTC';
      el.textContent = el.hasAttribute('data-day') ? day : day + ' ' + part.hour + ':' + part.minute + ' ' + part.timeZoneName;
    });
  }
  localTimes();

  // Key forms (data-submit-js) are sent by this script, so a lost connection or a CRM that does not
  // answer is explained in the form, with what was typed kept, instead of the browser's error page.
  // With data-submit-once the button locks while the form is on its way: a double click sends it
  // once. A form sent again anyway (a retry) carries the same one-time token: the CRM saves it once.
  var ANSWER_TIMEOUT_MS = 30000;

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-submit-js')) return;
    if (form.hasAttribute('data-native-submit')) return;
    event.preventDefault();
    if (form.hasAttribute('data-submit-once') && form.getAttribute('aria-busy') === 'true') return;
    sendForm(form, event.submitter || null);
  });

  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    document.querySelectorAll('form[aria-busy="true"]').forEach(function (f) { setBusy(f, false); });
  });

  function sendForm(form, submitter) {
    var body = new URLSearchParams(new FormData(form, submitter));
    var label = buttonLabel(form, submitter);
    // an earlier message stays where it is until the answer comes: no layout shift under the pointer
    setBusy(form, true);
    var timedOut = false;
    var controller = new AbortController();
    var timer = setTimeout(function () { timedOut = true; controller.abort(); }, ANSWER_TIMEOUT_MS);
    fetch(form.action, {
      method: 'POST', body: body, credentials: 'same-origin', signal: controller.signal,
      headers: { 'X-CRM-Submit': 'fetch', Accept: 'text/html' },
    }).then(function (response) {
      clearTimeout(timer);
      if (response.ok && (response.headers.get('content-type') || '').indexOf('application/json') >= 0) {
        return response.json().then(function (answer) { window.location.assign(answer.location); });
      }
      if (response.redirected) {
        window.location.assign(response.url);
        return undefined;
      }
      setBusy(form, false);
      if (response.status === 400 || response.status === 409) {
        // refused, nothing written: sent once more as a plain post, the page then shows the CRM's reasons
        form.setAttribute('data-native-submit', '');
        form.requestSubmit(submitter);
        return undefined;
      }
      return response.text().then(function (page) { showProblem(form, refusal(response.status, page)); });
    }).catch(function () {
      clearTimeout(timer);
      setBusy(form, false);
      showProblem(form, timedOut
        ? 'The CRM did not answer within ' + ANSWER_TIMEOUT_MS / 1000 + ' seconds, so it is not certain this was saved. Press ' + label + ' again: it is saved only once.'
        : 'The CRM could not be reached, so this may not have been saved. Check your connection and press ' + label + ' again: it is saved only once.');
    });
  }

  function buttonLabel(form, submitter) {
    var button = submitter || form.querySelector('button[type="submit"]');
    return button ? '"' + button.textContent.trim() + '"' : 'the button';
  }

  function setBusy(form, busy) {
    form.setAttribute('aria-busy', busy ? 'true' : 'false');
    if (!form.hasAttribute('data-submit-once')) return;
    form.querySelectorAll('button[type="submit"]').forEach(function (b) { b.disabled = busy; });
  }

  /** What an error page of the CRM says (its heading and first sentence), for the form's message. */
  function refusal(status, page) {
    var main = new DOMParser().parseFromString(page, 'text/html').querySelector('main');
    var heading = main && main.querySelector('h1');
    var text = main && main.querySelector('p');
    if (!heading) return 'The CRM could not save this (error ' + status + '). Reload the page and try again.';
    return 'The CRM could not save this: ' + heading.textContent.trim() + (text ? '. ' + text.textContent.trim() : '');
  }

  function showProblem(form, message) {
    var old = form.querySelector('[data-testid="submit-problem"]');
    if (old) old.remove();
    var p = document.createElement('p');
    p.className = 'submit-problem';
    p.setAttribute('role', 'alert');
    p.setAttribute('data-testid', 'submit-problem');
    p.textContent = message;
    var actions = form.querySelector('.form-actions');
    form.insertBefore(p, actions && actions.parentNode === form ? actions : null);
  }
})();
