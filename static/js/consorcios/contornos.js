/* Country outlines shipped with the portal (static/vendor/natural-earth/paises.geojson, Natural
   Earth): every map draws them in a pane under the tiles, so they show when no tile server answers
   (offline, blocked, or MAP_TILES_URL empty) and hide under the tiles otherwise.
   The file's address comes from this script tag's data-contornos (no inline script: the CSP).
   window.contornosPaises(mapa) draws them and returns a promise of the GeoJSON layer (or null). */
(function () {
  "use strict";
  var direccion = document.currentScript && document.currentScript.dataset.contornos;
  var pedido = null;

  function datos() {
    if (!pedido) {
      pedido = fetch(direccion, { headers: { Accept: "application/geo+json" } })
        .then(function (respuesta) {
          if (!respuesta.ok) { throw new Error(respuesta.status); }
          return respuesta.json();
        });
    }
    return pedido;
  }

  window.contornosPaises = function (mapa) {
    if (!direccion || typeof L === "undefined") { return Promise.resolve(null); }
    if (!mapa.getPane("contornos")) {
      mapa.createPane("contornos");
      mapa.getPane("contornos").style.zIndex = 150; // the tile pane is at 200: outlines stay under the tiles
    }
    return datos().then(function (geojson) {
      return L.geoJSON(geojson, {
        pane: "contornos",
        // One canvas instead of a few thousand SVG nodes: drawing the region takes a fraction of
        // the main thread on a phone, and the outlines need no events.
        renderer: L.canvas({ pane: "contornos" }),
        interactive: false,
        style: { color: "#7b8a7b", weight: 1, fillColor: "#e6e2d3", fillOpacity: 1 }
      }).addTo(mapa);
    }).catch(function () { return null; });
  };
})();
