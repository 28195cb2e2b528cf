// jixiao — small site-wide behaviour, loaded after htmx.
//
// A delayed trigger (hx-trigger "input changed delay:500ms") can fire after htmx has replaced
// its element with a newer fragment (for example after a save). Such a request would carry the
// old form's values and its answer would overwrite what the user sees now. Send nothing for an
// element that is no longer in the page.
document.addEventListener("htmx:beforeRequest", function (event) {
  if (!document.body.contains(event.detail.elt)) {
    event.preventDefault();
  }
});
