/* The map page: every published consortium from the GeoJSON endpoint. Popups are built
   as DOM nodes with textContent, so names are never parsed as HTML. */
(function () {
  "use strict";
  var contenedor = document.getElementById("mapa-consorcios");
  if (!contenedor || typeof L === "undefined") { return; }
  var centro = (contenedor.dataset.centro || "0,0").split(",").map(Number);
  var mapa = L.map(contenedor).setView(centro, Number(contenedor.dataset.zoom || 3));
  if (contenedor.dataset.teselas) {
    L.tileLayer(contenedor.dataset.teselas, { attribution: contenedor.dataset.atribucion || "", maxZoom: 18 }).addTo(mapa);
  }

  function ventana(propiedades) {
    var caja = document.createElement("div");
    var titulo = document.createElement("strong");
    titulo.textContent = propiedades.nombre;
    var tipo = document.createElement("p");
    tipo.textContent = propiedades.tipo_nombre;
    var enlace = document.createElement("a");
    enlace.href = propiedades.url;
    enlace.textContent = contenedor.dataset.enlace || propiedades.nombre;
    caja.append(titulo, tipo, enlace);
    return caja;
  }

  fetch(contenedor.dataset.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (respuesta) { return respuesta.json(); })
    .then(function (datos) {
      var capa = L.geoJSON(datos, {
        onEachFeature: function (rasgo, marcador) {
          marcador.options.title = rasgo.properties.nombre;
          marcador.bindPopup(ventana(rasgo.properties));
        }
      }).addTo(mapa);
      if (datos.features.length) { mapa.fitBounds(capa.getBounds(), { maxZoom: 7, padding: [20, 20] }); }
      contenedor.dataset.marcadores = String(datos.features.length);
      contenedor.classList.add("mapa--listo");
    });
})();
