// Niceties of the header's folding menus; without this script they work just the same (<details>).
// Escape closes an open menu and gives the focus back to its button; a click outside closes the
// account menu, as a menu is expected to.
(function () {
  "use strict";
  var cabecera = document.querySelector("[data-cabecera]");
  if (!cabecera) return;
  var menus = cabecera.querySelectorAll("details");
  var cuenta = cabecera.querySelector(".menu-cuenta");

  cabecera.addEventListener("keydown", function (evento) {
    if (evento.key !== "Escape") return;
    for (var i = menus.length - 1; i >= 0; i--) {
      if (menus[i].open && menus[i].contains(evento.target)) {
        menus[i].open = false;
        menus[i].querySelector("summary").focus();
        return;
      }
    }
  });
  if (cuenta) {
    document.addEventListener("click", function (evento) {
      if (cuenta.open && !cuenta.contains(evento.target)) cuenta.open = false;
    });
  }
})();
