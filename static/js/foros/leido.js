// Forums: record how far a logged-in member has read a topic.
// The topic page is a GET and never writes; once it has loaded in a browser, this
// small POST moves the read mark forward (crawlers and link prefetchers do not run it).
(function () {
  "use strict";
  var marca = document.getElementById("foros-leido");
  if (!marca || !window.fetch) {
    return;
  }
  var datos = new FormData();
  datos.append("mensaje", marca.dataset.mensaje);
  window.fetch(marca.dataset.url, {
    method: "POST",
    body: datos,
    credentials: "same-origin",
    headers: { "X-CSRFToken": marca.dataset.csrf },
  }).catch(function () {
    // A lost read mark only leaves the topic marked as unread: nothing to tell the reader.
  });
})();
