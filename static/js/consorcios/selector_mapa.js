/* Map picker of the consortium form: a click or a drag places the marker and fills
   the latitude/longitude inputs; typing in them moves the marker. Settings come from
   data- attributes (no inline script: the CSP forbids it). */
(function () {
  "use strict";
  var contenedor = document.getElementById("selector-mapa");
  if (!contenedor || typeof L === "undefined") { return; }
  // Hashed static names hide the marker images from Leaflet's CSS-based guess: say where they are.
  if (contenedor.dataset.iconos) { L.Icon.Default.imagePath = contenedor.dataset.iconos; }
  var entradaLat = document.getElementById(contenedor.dataset.latitud);
  var entradaLon = document.getElementById(contenedor.dataset.longitud);
  var centro = (contenedor.dataset.centro || "0,0").split(",").map(Number);
  var mapa = L.map(contenedor, { scrollWheelZoom: false }).setView(centro, Number(contenedor.dataset.zoom || 3));
  if (contenedor.dataset.teselas) {
    L.tileLayer(contenedor.dataset.teselas, { attribution: contenedor.dataset.atribucion || "", maxZoom: 18 }).addTo(mapa);
  }
  var marcador = null;

  function redondear(valor) { return Math.round(valor * 1e6) / 1e6; }

  function leer() {
    var lat = parseFloat(String(entradaLat.value).replace(",", "."));
    var lon = parseFloat(String(entradaLon.value).replace(",", "."));
    if (isNaN(lat) || isNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) { return null; }
    return L.latLng(lat, lon);
  }

  function escribir(latlng) {
    var envuelto = latlng.wrap();
    entradaLat.value = redondear(envuelto.lat);
    entradaLon.value = redondear(envuelto.lng);
    entradaLat.dispatchEvent(new Event("change", { bubbles: true }));
    entradaLon.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function colocar(latlng) {
    if (marcador) {
      marcador.setLatLng(latlng);
    } else {
      marcador = L.marker(latlng, { draggable: true, keyboard: true }).addTo(mapa);
      marcador.on("dragend", function () { escribir(marcador.getLatLng()); });
    }
  }

  mapa.on("click", function (evento) {
    colocar(evento.latlng);
    escribir(evento.latlng);
  });

  function desdeEntradas() {
    var latlng = leer();
    if (latlng) { colocar(latlng); mapa.panTo(latlng); }
  }
  entradaLat.addEventListener("input", desdeEntradas);
  entradaLon.addEventListener("input", desdeEntradas);

  var inicial = leer();
  if (inicial) { colocar(inicial); mapa.setView(inicial, 7); }
  contenedor.classList.add("mapa--listo");
})();
