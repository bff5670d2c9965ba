// The editor's formatting toolbar (issue 20). GitHub's <markdown-toolbar> element (a module loaded beside this
// file) does bold, italic, headings, lists, links and quotes and the toolbar's one tab stop with arrow keys; this
// file adds the shortcuts, the footnote, table, citation and image buttons, what is inserted said aloud, the
// preview following the caret, and pasting formatted text (converted to Markdown by the server).
(function () {
  "use strict";
  const toolbar = document.querySelector("markdown-toolbar.toolbar");
  if (!toolbar) return;
  const textarea = document.getElementById(toolbar.getAttribute("for"));
  const status = document.getElementById("toolbar-status");
  const citeDialog = document.getElementById("cite-dialog");
  const imageDialog = document.getElementById("image-dialog");
  const PREVIEW_MARGIN = 16; // px above the paragraph scrolled into view
  // Ctrl or Cmd with: [code, Shift, Alt, the button it presses].
  const SHORTCUTS = [
    ["KeyB", false, false, "md-bold"], ["KeyI", false, false, "md-italic"], ["KeyK", false, false, "md-link"],
    ["Digit7", true, false, "md-ordered-list"], ["Digit8", true, false, "md-unordered-list"],
    ["KeyF", false, true, "[data-md-button=footnote]"],
  ];
  // Named apart from the element's own (data-md-button="image" would be its "![](url)").
  const ACTIONS = {
    footnote: footnote,
    table: (button) => insertBlock(button.dataset.insert),
    cite: () => openDialog(citeDialog),
    "upload-image": () => openDialog(imageDialog),
  };
  let saved = {start: 0, end: 0}; // the selection when a dialog opened, where its answer goes

  // Shown only once the element works: without it (no JavaScript, the CDN unreachable) the editor is as before.
  customElements.whenDefined("markdown-toolbar").then(() => {
    toolbar.hidden = false;
    document.querySelectorAll("[data-toolbar-fallback]").forEach((element) => { element.hidden = true; });
  });

  function announce(text) {
    status.textContent = "";
    // A moment later, so that the same words said twice are announced twice.
    setTimeout(() => { status.textContent = text; }, 50);
  }

  function announceInserted(what) {
    announce(`${status.dataset.inserted} ${what}`);
  }

  function label(button) { // its name: the hidden words beside a sign, else its text
    return (button.querySelector(".visually-hidden") || button).textContent.trim();
  }

  function csrfToken() {
    const meta = document.querySelector("meta[name=csrf-token]");
    return meta ? meta.content : JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
  }

  // Through the browser's own editing, so that Ctrl+Z undoes it and htmx's input triggers (preview, autosave) run.
  function insert(text, start = textarea.selectionStart, end = textarea.selectionEnd) {
    textarea.focus();
    textarea.setSelectionRange(start, end);
    if (!document.execCommand("insertText", false, text)) {
      textarea.setRangeText(text, start, end, "end");
      textarea.dispatchEvent(new Event("input", {bubbles: true}));
    }
  }

  // A block (a table) stands on lines of its own, with a blank line before and after.
  function insertBlock(text) {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const after = textarea.value.slice(textarea.selectionEnd);
    const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    const tail = after.startsWith("\n\n") ? "" : after === "" || after.startsWith("\n") ? "\n" : "\n\n";
    insert(lead + text + tail);
  }

  // [^n] at the caret, n the next free number, and its definition at the end, where the caret goes to write it.
  function footnote() {
    const numbers = Array.from(textarea.value.matchAll(/\[\^(\d+)\]/g), (found) => Number(found[1]));
    const n = Math.max(0, ...numbers) + 1;
    insert(`[^${n}]`);
    const text = textarea.value;
    const gap = text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
    insert(`${gap}[^${n}]: `, text.length, text.length);
  }

  function press(button) {
    const action = ACTIONS[button.dataset.mdButton];
    if (action) {
      action(button);
      if (!button.hasAttribute("aria-haspopup")) announceInserted(label(button));
    } else {
      button.click(); // the element's own: applies its style to the text box
      announceInserted(label(button));
    }
  }

  // The element applies its own buttons on click, Enter and Space; ours are buttons (Enter and Space click them).
  toolbar.addEventListener("click", (event) => {
    const button = event.target.closest("[role=button], button");
    if (!button) return;
    if (ACTIONS[button.dataset.mdButton]) press(button);
    else announceInserted(label(button));
  });
  toolbar.addEventListener("keydown", (event) => {
    const button = event.target.closest("[role=button]");
    if (button && button.tagName !== "BUTTON" && (event.key === "Enter" || event.key === " ")) {
      announceInserted(label(button));
    }
  });

  textarea.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || toolbar.hidden) return;
    const found = SHORTCUTS.find(([code, shift, alt]) =>
      code === event.code && shift === event.shiftKey && alt === event.altKey);
    if (!found) return;
    event.preventDefault();
    press(toolbar.querySelector(found[3]));
  });

  // The citation and image dialogs answer with Markdown for where the caret was when they opened.
  function openDialog(dialog) {
    saved = {start: textarea.selectionStart, end: textarea.selectionEnd};
    dialog.showModal();
    if (dialog === citeDialog) dialog.querySelector("form[hx-get]").dispatchEvent(new Event("pick-open"));
  }

  function answer(dialog, markdown, what) {
    dialog.close();
    insert(markdown, saved.start, saved.end);
    announceInserted(what);
  }

  citeDialog.addEventListener("click", (event) => {
    const button = event.target.closest("[data-cite]");
    if (button) answer(citeDialog, `[rec:${button.dataset.cite}]`, `[rec:${button.dataset.cite}]`);
  });

  if (imageDialog) {
    const error = imageDialog.querySelector("[role=alert]");
    const refuse = (message) => { // the app's own words, or (no answer from it) ours
      error.textContent = message || imageDialog.dataset.failed;
      error.hidden = false;
    };
    // Captured here, before the upload form's own handlers: the editor wants the JSON answer, not a new page.
    imageDialog.addEventListener("submit", (event) => {
      const form = event.target;
      if (form.id !== "image-upload-form") return;
      event.preventDefault();
      event.stopPropagation();
      error.hidden = true;
      fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin",
                          headers: {"Accept": "application/json", "X-CSRFToken": csrfToken()}})
        .then((response) => response.json().catch(() => ({})).then((body) => {
          if (!response.ok || !body.markdown) return refuse(body.error);
          form.reset();
          answer(imageDialog, body.markdown, label(toolbar.querySelector("[data-md-button=upload-image]")));
        }))
        .catch(() => refuse());
    }, true);
  }

  // The preview follows the writer: the last block that starts on or before the caret's line (data-line,
  // 0-based source lines) is scrolled into the preview pane's view.
  function follow() {
    const pane = document.getElementById("preview");
    if (!pane) return;
    const line = textarea.value.slice(0, textarea.selectionStart).split("\n").length - 1;
    let target = null;
    for (const block of pane.querySelectorAll("[data-line]")) {
      if (Number(block.dataset.line) > line) break;
      target = block;
    }
    if (!target) return;
    const view = pane.getBoundingClientRect();
    const box = target.getBoundingClientRect();
    if (box.top < view.top || box.bottom > view.bottom) pane.scrollTop += box.top - view.top - PREVIEW_MARGIN;
  }

  ["keyup", "click", "input"].forEach((name) => textarea.addEventListener(name, follow));
  document.body.addEventListener("htmx:afterSettle", () => {
    if (document.activeElement === textarea) follow();
  });

  // A picture pasted (a chart copied from a spreadsheet, a screenshot) goes to the image dialog, which asks for its
  // description and uploads it as a chosen file would be; a clipboard with words in it is pasted as text.
  textarea.addEventListener("paste", (event) => {
    const clipboard = event.clipboardData;
    if (!imageDialog || event.defaultPrevented || !clipboard || clipboard.getData("text/plain").trim()) return;
    const picture = Array.from(clipboard.files).find((file) => file.type.startsWith("image/"));
    if (!picture) return;
    event.preventDefault();
    const files = new DataTransfer();
    files.items.add(picture);
    openDialog(imageDialog);
    imageDialog.querySelector("input[type=file]").files = files.files;
    imageDialog.querySelector("input[name=alt]").focus();
  });

  // Formatted text pasted (from Word, LibreOffice, Google Docs, a web page) becomes the project's Markdown on the
  // server; if that fails, the plain text goes in, as the browser would have pasted it.
  textarea.addEventListener("paste", (event) => {
    const clipboard = event.clipboardData;
    if (event.defaultPrevented || !clipboard || !clipboard.types.includes("text/html")) return;
    event.preventDefault();
    const plain = clipboard.getData("text/plain");
    const form = new FormData();
    form.append("html", clipboard.getData("text/html"));
    const start = textarea.selectionStart;
    const end = textarea.selectionEnd;
    fetch(toolbar.dataset.pasteUrl, {method: "POST", body: form, credentials: "same-origin",
                                     headers: {"X-CSRFToken": csrfToken()}})
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((markdown) => place(markdown, start, end, status.dataset.pasted),
            () => place(plain, start, end, status.dataset.plain));
  });

  function place(text, start, end, said) {
    const limit = Number(textarea.dataset.maxChars) || Infinity;
    if (textarea.value.length - (end - start) + text.length > limit) {
      announce(status.dataset.tooLong);
      return;
    }
    insert(text, start, end);
    announce(said);
  }
})();
