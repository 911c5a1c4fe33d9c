// "Únete a la Red": a video is loaded from its host only when the visitor asks for it, so that
// opening the page sends nothing to YouTube or Vimeo. Without JavaScript the link opens the video
// on its site. The frame host is one the CSP allows (frame-src, redconsorcios/settings.py).
(function () {
  "use strict";
  document.querySelectorAll(".video--diferido").forEach(function (caja) {
    var boton = caja.querySelector(".video__cargar");
    if (!boton || !caja.dataset.embebido) { return; }
    boton.hidden = false;
    boton.addEventListener("click", function () {
      var marco = document.createElement("iframe");
      marco.src = caja.dataset.embebido;
      marco.title = caja.dataset.titulo || "";
      marco.setAttribute("allow", "fullscreen; picture-in-picture");
      marco.setAttribute("allowfullscreen", "");
      marco.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      caja.replaceChildren(marco);
      caja.classList.remove("video--diferido");
      marco.focus();
    });
  });
})();
