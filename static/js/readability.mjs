// The reading ease score under each narrative field, as the practitioner types
// (issue 5, part 7). Without JavaScript the score shows when the form comes back after
// a save; this only keeps it up to date in between. A failed request leaves the last
// score showing.

const DELAY_MS = 600;

function csrfToken(textarea) {
  const input = textarea.form?.querySelector('input[name="csrfmiddlewaretoken"]');
  return input ? input.value : null;
}

// Screen readers read the score with the field as well as announcing changes to it.
function describeWith(textarea, hintId) {
  const ids = (textarea.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
  if (!ids.includes(hintId)) {
    textarea.setAttribute("aria-describedby", [...ids, hintId].join(" "));
  }
}

function watch(hint) {
  const textarea = document.getElementById(hint.dataset.readabilityFor);
  const url = hint.dataset.readabilityUrl;
  if (!textarea || !url) {
    return;
  }
  describeWith(textarea, hint.id);
  let timer = null;
  let sent = 0;

  async function check() {
    const token = csrfToken(textarea);
    if (!token) {
      return;
    }
    sent += 1;
    const request = sent;
    const body = new FormData();
    body.append("csrfmiddlewaretoken", token);
    body.append("text", textarea.value);
    try {
      // A signed-out session is redirected to the sign-in page: treat it as a failure.
      const response = await fetch(url, {
        method: "POST",
        body,
        credentials: "same-origin",
        redirect: "error",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        return;
      }
      const data = await response.json();
      // A slow answer to an earlier request must not overwrite a newer one.
      if (request !== sent || typeof data.message !== "string") {
        return;
      }
      if (hint.textContent !== data.message) {
        hint.textContent = data.message;
      }
    } catch {
      // Offline or refused: keep the last score.
    }
  }

  textarea.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, DELAY_MS);
  });
}

export function initReadability(root = document) {
  root.querySelectorAll("[data-readability-for]").forEach(watch);
}
