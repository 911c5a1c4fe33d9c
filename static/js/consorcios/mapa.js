/* The map page (and its embeddable twin): the consortia of the current filters, from the GeoJSON
   endpoint (same query string), clustered with Leaflet.markercluster. Export and origin consortia
   get different CSS markers (see the legend). Popups are built as DOM nodes with textContent, so
   names are never parsed as HTML. GeoJSON keys: n name, t kind, s sectors, p country, u page. */
(function () {
  "use strict";
  var contenedor = document.getElementById("mapa-consorcios");
  if (!contenedor || typeof L === "undefined") { return; }
  // Hashed static names hide the marker images from Leaflet's CSS-based guess: say where they are.
  if (contenedor.dataset.iconos) { L.Icon.Default.imagePath = contenedor.dataset.iconos; }
  var datosMapa = contenedor.dataset;
  var centro = (datosMapa.centro || "0,0").split(",").map(Number);
  // maxZoom on the map itself: the clusters need it even when no tile layer is drawn (tests, offline).
  var mapa = L.map(contenedor, { maxZoom: 18 }).setView(centro, Number(datosMapa.zoom || 3));
  if (datosMapa.teselas) {
    L.tileLayer(datosMapa.teselas, { attribution: datosMapa.atribucion || "", maxZoom: 18 }).addTo(mapa);
  }
  var nombresTipo = { exportacion: datosMapa.tipoExportacion, origen: datosMapa.tipoOrigen };
  var iconos = {
    exportacion: L.divIcon({ className: "marcador-icono", html: '<span class="marcador marcador--exportacion"></span>', iconSize: [18, 18] }),
    origen: L.divIcon({ className: "marcador-icono", html: '<span class="marcador marcador--origen"></span>', iconSize: [18, 18] })
  };

  function parrafo(texto) {
    var p = document.createElement("p");
    p.textContent = texto;
    return p;
  }

  function ventana(propiedades) {
    var caja = document.createElement("div");
    var titulo = document.createElement("strong");
    titulo.textContent = propiedades.n;
    caja.append(titulo, parrafo(nombresTipo[propiedades.t] || propiedades.t));
    if (propiedades.s) { caja.append(parrafo(propiedades.s)); }
    caja.append(parrafo(propiedades.p));
    var enlace = document.createElement("a");
    enlace.href = propiedades.u;
    enlace.textContent = datosMapa.enlace || propiedades.n;
    if (datosMapa.destino) { enlace.target = datosMapa.destino; enlace.rel = "noopener"; }
    caja.append(enlace);
    return caja;
  }

  fetch(datosMapa.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (respuesta) { return respuesta.json(); })
    .then(function (datos) {
      var grupos = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
      var capa = L.geoJSON(datos, {
        pointToLayer: function (rasgo, punto) {
          return L.marker(punto, {
            icon: iconos[rasgo.properties.t] || iconos.exportacion,
            title: rasgo.properties.n,
            alt: rasgo.properties.n
          });
        },
        onEachFeature: function (rasgo, marcador) { marcador.bindPopup(ventana(rasgo.properties)); }
      });
      grupos.addLayers(capa.getLayers());
      // Frame the markers first, without animation, so the clusters are drawn once at the final zoom.
      if (datos.features.length) {
        mapa.fitBounds(capa.getBounds(), { maxZoom: 7, padding: [20, 20], animate: false });
      }
      mapa.addLayer(grupos);
      contenedor.dataset.marcadores = String(datos.features.length);
      contenedor.classList.add("mapa--listo");
    });
})();
