/* The small map of a consortium's page: one marker at its position. */
(function () {
  "use strict";
  var contenedor = document.getElementById("mapa-detalle");
  if (!contenedor || typeof L === "undefined") { return; }
  // Hashed static names hide the marker images from Leaflet's CSS-based guess: say where they are.
  if (contenedor.dataset.iconos) { L.Icon.Default.imagePath = contenedor.dataset.iconos; }
  var posicion = L.latLng(Number(contenedor.dataset.latitud), Number(contenedor.dataset.longitud));
  var mapa = L.map(contenedor, { scrollWheelZoom: false }).setView(posicion, 6);
  if (contenedor.dataset.teselas) {
    L.tileLayer(contenedor.dataset.teselas, { attribution: contenedor.dataset.atribucion || "", maxZoom: 18 }).addTo(mapa);
  }
  if (window.contornosPaises) { window.contornosPaises(mapa); }
  // The registry map's own marker (a CSS dot, sharp on every screen), not Leaflet's low-resolution PNG pin.
  var tipo = contenedor.dataset.tipo === "origen" ? "origen" : "exportacion";
  var icono = L.divIcon({ className: "marcador-icono", html: '<span class="marcador marcador--' + tipo + '"></span>', iconSize: [18, 18] });
  L.marker(posicion, { title: contenedor.dataset.nombre || "", icon: icono }).addTo(mapa);
  contenedor.classList.add("mapa--listo");
})();
