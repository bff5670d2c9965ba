// The "Mention someone" picker (issue 21, templates/inbox/_mention_picker.html) beside a comment's or a note's
// text box: htmx fills its <datalist> as one types; choosing a person puts "@login " into the text box at its caret.
(function () {
  "use strict";
  // The picker's template brings this script once per picker: the first run serves them all.
  if (document.documentElement.dataset.mentionPickers) return;
  document.documentElement.dataset.mentionPickers = "on";
  const PICKER = "input[data-mention-for]";

  // Shown only with this script: without it the picker could list people but not insert them.
  function reveal(root) {
    root.querySelectorAll(".mention-picker[hidden]").forEach((picker) => { picker.hidden = false; });
  }

  // The input has no name, so that the form around it does not send it: htmx gets what is typed as q.
  document.addEventListener("htmx:configRequest", (event) => {
    const input = event.detail.elt;
    if (input.matches && input.matches(PICKER)) event.detail.parameters.q = input.value;
  });

  // Choosing from the list sets the input to an option's value; typing one out in full is choosing it too.
  document.addEventListener("input", (event) => {
    const input = event.target;
    if (!input.matches(PICKER)) return;
    const chosen = [...input.list.options].find((option) => option.value === input.value);
    if (chosen) mention(input, chosen.dataset.login);
  });

  // Enter in the picker does not send the comment half written.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.matches(PICKER)) event.preventDefault();
  });

  function mention(input, login) {
    const box = document.getElementById(input.dataset.mentionFor);
    const start = box.selectionStart, end = box.selectionEnd;
    // A mention starts after a space or the start of the text (text/mentions.py), not glued to a word.
    const before = start > 0 && !/\s/.test(box.value[start - 1]) ? " " : "";
    input.value = "";
    input.list.replaceChildren();
    box.focus();
    box.setSelectionRange(start, end);
    // Through the browser's own editing, so that Ctrl+Z undoes it and htmx's triggers on the box run.
    if (!document.execCommand("insertText", false, `${before}@${login} `)) {
      box.setRangeText(`${before}@${login} `, start, end, "end");
      box.dispatchEvent(new Event("input", {bubbles: true}));
    }
  }

  reveal(document);
  document.addEventListener("htmx:load", (event) => reveal(event.target));
})();
