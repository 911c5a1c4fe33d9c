/* The small map of a consortium's page: one marker at its position. */
(function () {
  "use strict";
  var contenedor = document.getElementById("mapa-detalle");
  if (!contenedor || typeof L === "undefined") { return; }
  var posicion = L.latLng(Number(contenedor.dataset.latitud), Number(contenedor.dataset.longitud));
  var mapa = L.map(contenedor, { scrollWheelZoom: false }).setView(posicion, 6);
  if (contenedor.dataset.teselas) {
    L.tileLayer(contenedor.dataset.teselas, { attribution: contenedor.dataset.atribucion || "", maxZoom: 18 }).addTo(mapa);
  }
  L.marker(posicion, { title: contenedor.dataset.nombre || "" }).addTo(mapa);
  contenedor.classList.add("mapa--listo");
})();
