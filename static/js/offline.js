/* Not a word lost offline (issue 20). The editor's autosave: a moment after typing stops and when leaving a field,
   the text goes to the server as the person's draft, and at every keystroke it is also kept in this browser (per
   person and section, so that nobody else signing in here is offered it). When the server does not take it, the
   status says why at once and the autosave tries again; Save waits for a connection; a copy left here is offered
   back; leaving with text the server has not got asks first; a paste too long for a section is refused.
   Without JavaScript the form posts as it always did. The words are the page's (translated there). */
(() => {
  "use strict";
  const form = document.querySelector("form[data-autosave]");
  const words = document.getElementById("offline-words");
  if (!form || !words) return;
  const say = words.dataset;
  const field = (name) => form.elements.namedItem(name);
  const body = field("body"), note = field("note"), base = field("base");
  const status = document.getElementById("draft-status");
  const offer = document.getElementById("offline-offer");
  const KEY = `upr-editor:${form.dataset.user}:${form.dataset.section}`;
  const TYPING_PAUSE = 2000;
  const BACKOFF = [2000, 5000, 15000, 30000, 60000];  // then every minute
  // Failures worth trying again with the same text; the others wait for the person to change it.
  const RETRIED = new Set(["offline", "unreachable", "server", "session"]);
  // Failures after which a Save would lose the page (an error page, a sign-in page): Save waits instead.
  const HOLDS_SAVE = new Set([...RETRIED, "too-large"]);

  class Refused extends Error {
    constructor(kind) { super(kind); this.kind = kind; }
  }

  let saved = snapshot();  // what the server holds of this page's text
  let savedWords = "";     // the server's own words for it ("Draft kept on the server at …")
  let failure = null, refusal = "", failures = 0;
  let timer = 0, sending = null, again = false;
  let kept = true;         // whether this browser holds the text shown
  let offered = null;      // a copy kept here earlier, while the person has not chosen whether to use it
  let leaving = false;

  function snapshot() {
    return {body: body.value, note: note.value, base: base.value};
  }

  // The server keeps LF line ends and no trailing blank lines.
  const normal = (text) => text.replace(/\r\n?/g, "\n").trimEnd();
  const same = (a, b) => normal(a.body) === normal(b.body) && a.note === b.note;

  // The characters the server counts: code points, a line end sent as CR LF.
  function sentLength(text) {
    let count = 0;
    for (const _ of text) count += 1;
    return count + (text.match(/(?<!\r)\n/g) || []).length;
  }

  // --- The copy kept in this browser ---

  function keepHere() {
    if (offered) return false;  // the earlier copy stays until the person chooses
    try {
      localStorage.setItem(KEY, JSON.stringify({...snapshot(), savedAt: Date.now()}));
      return true;
    } catch (error) {
      return false;  // storage full or turned off: the status says the text is not kept here
    }
  }

  function copyKept() {
    try {
      const copy = JSON.parse(localStorage.getItem(KEY));
      return copy && typeof copy.body === "string" && typeof copy.note === "string" ? copy : null;
    } catch (error) {
      return null;
    }
  }

  function forget() {
    try {
      localStorage.removeItem(KEY);
    } catch (error) {
      // nothing kept, nothing to forget
    }
  }

  // --- The status, in words ---

  function show(message, isError) {
    const line = document.createElement("span");
    line.textContent = message;
    if (isError) line.className = "error";
    status.replaceChildren(line);
  }

  function reason(kind) {
    return kind === "refused" ? refusal : say[kind.replace(/-(.)/g, (_, c) => c.toUpperCase())];
  }

  function showFailure() {
    show(`${kept ? say.kept : say.notKept} ${reason(failure)}`, true);
  }

  // --- Sending to the server ---

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(() => { timer = 0; send(); }, delay);
  }

  function sendNow() {
    clearTimeout(timer);
    timer = 0;
    return send();
  }

  function send() {
    if (sending) {
      again = true;
      return sending;
    }
    sending = attempt().finally(() => {
      sending = null;
      if (again && !failure) schedule(0);
      again = false;
    });
    return sending;
  }

  async function attempt() {
    if (same(snapshot(), saved)) return succeeded(snapshot(), savedWords);
    try {
      if (failure === "session") await renewToken();
      const data = new FormData(form);
      const sent = {body: data.get("body"), note: data.get("note"), base: data.get("base")};
      // HX-Request: the server answers with the status fragment, as it answers htmx.
      const answer = await fetch(form.dataset.autosave, {method: "POST", body: data, redirect: "manual",
                                                          headers: {"HX-Request": "true"}});
      const kind = verdict(answer);
      if (kind === "refused") refusal = await textOf(answer);
      if (kind) throw new Refused(kind);
      succeeded(sent, answer.status === 200 ? await textOf(answer) : "");
    } catch (error) {
      failed(error instanceof Refused ? error.kind : navigator.onLine ? "unreachable" : "offline");
    }
  }

  function verdict(answer) {
    // A redirect can only be to the sign-in page; a 400 that the app's error page answers (it aims its
    // message elsewhere) is the form's expired session, the draft's own refusal aims at nothing.
    if (answer.type === "opaqueredirect" || answer.status === 401 || answer.status === 403) return "session";
    if (answer.status === 400) return answer.headers.has("HX-Retarget") ? "session" : "refused";
    if (answer.status === 410) return "removed";
    if (answer.status === 413) return "too-large";
    return answer.ok ? null : "server";
  }

  async function textOf(answer) {
    const html = new DOMParser().parseFromString(await answer.text(), "text/html");
    return html.body.textContent.replace(/\s+/g, " ").trim();
  }

  // After a new sign-in (in another tab) the form's token is stale: take the editor's new one, if the person
  // signed in is still this one (anyone else must never get this text as their draft).
  async function renewToken() {
    const answer = await fetch(form.getAttribute("action"), {redirect: "manual"});
    if (answer.type === "opaqueredirect") throw new Refused("session");
    if (!answer.ok) throw new Refused("server");
    const page = new DOMParser().parseFromString(await answer.text(), "text/html");
    const other = page.querySelector("form[data-autosave]");
    const token = other && other.elements.namedItem("csrf_token");
    if (!token || other.dataset.user !== form.dataset.user) throw new Refused("session");
    field("csrf_token").value = token.value;
    document.body.setAttribute("hx-headers", JSON.stringify({"X-CSRFToken": token.value}));
  }

  function succeeded(sent, serverWords) {
    saved = sent;
    savedWords = serverWords;
    failure = null;
    failures = 0;
    if (!offered && same(snapshot(), sent)) forget();  // the server has this very text (an offered copy waits)
    show(serverWords, false);
  }

  function failed(kind) {
    failure = kind;
    showFailure();
    if (RETRIED.has(kind) && !timer) {  // keystrokes meanwhile do not lengthen the wait
      schedule(BACKOFF[Math.min(failures, BACKOFF.length - 1)]);
      failures += 1;
    }
  }

  // --- Typing, leaving a field, the connection coming and going ---

  function typed() {
    kept = keepHere();
    if (!navigator.onLine) {
      failed("offline");  // said at once; the retry or the connection's return sends it
    } else if (failure && RETRIED.has(failure)) {
      showFailure();  // the retry already planned sends the newest text
    } else {
      schedule(TYPING_PAUSE);
    }
  }

  const edits = (event) => event.target === body || event.target === note;
  form.addEventListener("input", (event) => { if (edits(event)) typed(); });
  form.addEventListener("focusout", (event) => {
    if (edits(event) && !same(snapshot(), saved) && !(failure && RETRIED.has(failure))) sendNow();
  });
  window.addEventListener("online", () => { if (failure) sendNow(); });
  // Back from signing in again in another tab: try at once rather than at the next retry.
  window.addEventListener("focus", () => { if (failure === "session") sendNow(); });
  window.addEventListener("offline", () => { if (!same(snapshot(), saved)) failed("offline"); });

  // --- Save waits for a connection ---

  let letThrough = false;
  form.addEventListener("submit", async (event) => {
    if (letThrough || (navigator.onLine && !HOLDS_SAVE.has(failure))) {
      leaving = true;
      return;
    }
    event.preventDefault();
    kept = keepHere();
    if (navigator.onLine) await sendNow();  // the server may be back: the draft first, then the save
    else failed("offline");
    if (!failure) {
      letThrough = true;
      form.requestSubmit(event.submitter);
      return;
    }
    show(failure === "offline" ? say.saveOffline : `${say.saveHeld} ${reason(failure)}`, true);
  });

  window.addEventListener("beforeunload", (event) => {
    if (leaving || same(snapshot(), saved)) return;
    event.preventDefault();
    event.returnValue = "";  // older browsers ask only when it is set
  });

  // --- A paste too long for a section is refused before it is sent ---

  const limit = Number(body.dataset.maxChars);
  form.addEventListener("paste", (event) => {
    if (event.target !== body || !limit || !event.clipboardData) return;
    const replaced = body.value.slice(body.selectionStart, body.selectionEnd);
    const pasted = event.clipboardData.getData("text/plain");
    if (sentLength(body.value) - sentLength(replaced) + sentLength(pasted) <= limit) return;
    event.preventDefault();
    event.stopPropagation();  // nor converted by another paste handler
    show(say.pasteTooLarge, true);
  }, true);

  // --- The copy kept here, offered back ---

  function offerCopy() {
    const copy = copyKept();
    if (!copy) return;
    if (same(copy, snapshot())) return forget();  // the server has it
    if (!copy.body.trim() || !(copy.savedAt > Number(form.dataset.serverTime))) return;
    offered = copy;
    const when = offer.querySelector("[data-when]");
    when.textContent = when.dataset.when.replace("{time}", new Date(copy.savedAt).toLocaleString(
      document.documentElement.lang, {dateStyle: "medium", timeStyle: "short"}));
    offer.querySelector(".offline-copy").textContent = copy.body;
    offer.hidden = false;
  }

  function closeOffer() {
    offered = null;
    offer.hidden = true;
    body.focus();
  }

  if (offer) {
    offer.querySelector("[data-offline-take]").addEventListener("click", () => {
      const copy = offered;
      closeOffer();
      body.value = copy.body;
      note.value = copy.note;
      if (/^\d+$/.test(copy.base)) base.value = copy.base;  // the revision it was written from, for the merge
      body.dispatchEvent(new Event("input", {bubbles: true}));  // the preview, and the copy kept anew
      sendNow();
    });
    offer.querySelector("[data-offline-discard]").addEventListener("click", () => {
      closeOffer();
      forget();
      if (!same(snapshot(), saved)) typed();
    });
    offerCopy();
  }
})();
