/* GOV.UK's error summary: after a failed submit the summary takes the focus, so a screen reader
   reads it and a keyboard user starts there; each link moves the focus to its field and scrolls
   so that the field's question (its label or legend) is in view, as GOV.UK's does. */
(function () {
  "use strict";
  var resumen = document.querySelector("[data-resumen-errores]");
  if (!resumen) { return; }
  resumen.focus();

  function pregunta(campo) {
    var grupo = campo.closest(".campo__grupo");  // a group of boxes: its legend asks the question
    if (grupo) { return grupo.querySelector("legend") || campo; }
    if (campo.type === "checkbox" || campo.type === "radio") { return campo; }  // its label follows it
    return document.querySelector("label[for='" + CSS.escape(campo.id) + "']") || campo;
  }

  resumen.addEventListener("click", function (evento) {
    var enlace = evento.target.closest("a[href^='#']");
    if (!enlace) { return; }
    var campo = document.getElementById(decodeURIComponent(enlace.hash.slice(1)));
    if (!campo || typeof campo.focus !== "function") { return; }
    evento.preventDefault();
    pregunta(campo).scrollIntoView();
    campo.focus({ preventScroll: true });
  });
})();
