// The timeout warning (GOV.UK / HMRC "Service timeout" pattern): before an idle session
// ends, a modal dialog says so and offers "Stay signed in" (Escape does the same) or
// "Sign out". The server decides how long is left (GET /session/, which is not itself
// activity), so work in another tab or a draft saved in the background keeps the warning
// away. Without JavaScript none of this runs: the session ends, and the next page asks
// the member of staff to sign in again. Markup: templates/partials/timeout_warning.html.

function minutesAndSeconds(seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  }
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}

// Screen readers hear the time left when the dialog opens, then each minute, then every
// 20 seconds in the last minute: not every second, which would drown everything else.
function worthAnnouncing(seconds, lastAnnounced) {
  if (lastAnnounced === null) return true;
  if (seconds >= 60) return minutesAndSeconds(seconds) !== minutesAndSeconds(lastAnnounced);
  return seconds % 20 === 0;
}

export function initSessionTimeout() {
  const dialog = document.querySelector('[data-module="app-timeout-warning"]');
  const timeout = Number(document.body.dataset.sessionTimeout);
  const secondsLeft = Number(document.body.dataset.sessionSecondsLeft);
  const warning = Number(document.body.dataset.sessionTimeoutWarning);
  if (!dialog || typeof dialog.showModal !== "function" || !timeout || !warning) {
    return;
  }
  const countdown = dialog.querySelector("[data-timeout-countdown]");
  const announcement = dialog.querySelector("[data-timeout-announcement]");
  const stay = dialog.querySelector("[data-timeout-stay]");
  const token = dialog.querySelector('input[name="csrfmiddlewaretoken"]').value;
  let timer = null;
  let ticker = null;
  let returnFocusTo = null;

  function signedOut() {
    const next = window.location.pathname + window.location.search;
    window.location.assign(`${dialog.dataset.signedOutUrl}?next=${encodeURIComponent(next)}`);
  }

  function close() {
    window.clearInterval(ticker);
    ticker = null;
    if (dialog.open) {
      dialog.close();
      if (returnFocusTo && document.contains(returnFocusTo)) returnFocusTo.focus();
    }
  }

  function schedule(secondsLeft) {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, Math.max(0, secondsLeft - warning) * 1000);
  }

  function open(secondsLeft) {
    const deadline = Date.now() + secondsLeft * 1000;
    let lastAnnounced = null;
    function tick() {
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      countdown.textContent = minutesAndSeconds(left);
      if (worthAnnouncing(left, lastAnnounced)) {
        announcement.textContent = `We will sign you out in ${minutesAndSeconds(left)}.`;
        lastAnnounced = left;
      }
      if (left === 0) {
        window.clearInterval(ticker);
        check();
      }
    }
    window.clearInterval(ticker);
    tick();
    ticker = window.setInterval(tick, 1000);
    if (!dialog.open) {
      returnFocusTo = document.activeElement;
      dialog.showModal();
      stay.focus();
    }
  }

  async function check() {
    let secondsLeft = 0;
    try {
      const response = await fetch(dialog.dataset.statusUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        cache: "no-store",
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      secondsLeft = (await response.json()).seconds_left;
    } catch {
      // Offline or the server is unreachable: ask again shortly rather than sign out.
      timer = window.setTimeout(check, 10 * 1000);
      return;
    }
    if (secondsLeft <= 0) {
      signedOut();
    } else if (secondsLeft > warning) {
      close(); // active again, in another tab or in the background
      schedule(secondsLeft);
    } else {
      open(secondsLeft);
    }
  }

  async function staySignedIn() {
    const response = await fetch(dialog.dataset.keepAliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token },
      redirect: "manual",
    }).catch(() => null);
    if (response && response.status === 204) {
      close();
      schedule(timeout);
    } else {
      check();
    }
  }

  stay.addEventListener("click", staySignedIn);
  // Escape is "Stay signed in", not a way to dismiss the warning and be signed out anyway.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    staySignedIn();
  });
  // The browser may close the dialog itself (a second Escape): that too is staying.
  dialog.addEventListener("close", () => {
    if (ticker !== null) staySignedIn();
  });
  schedule(secondsLeft);
}
