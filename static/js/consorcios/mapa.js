/* The map page (and its embeddable twin): the consortia of the current filters, from the GeoJSON
   endpoint (same query string), clustered with Leaflet.markercluster; the member institutions as a
   second layer that can be turned off (capaInstituciones, below). Export and origin consortia
   get different CSS markers (see the legend).
   Each GeoJSON feature carries only what its marker needs: the feature "id" (the consortium's
   primary key), the point, and properties.t, the kind ("e" export, "o" origin). A marker's
   accessible name (title) is the translated kind label from the container's data- attributes.
   The popup's text (name, kind, sectors, country, page) is fetched when the popup first opens,
   from data-ficha with the id in place of its 0 (mapa/<id>.json), and kept on the marker.
   Popups are built as DOM nodes with textContent, so names are never parsed as HTML. */
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
  if (window.contornosPaises) { window.contornosPaises(mapa); }
  var nombresTipo = { e: datosMapa.tipoExportacion, o: datosMapa.tipoOrigen };
  var iconos = {
    e: L.divIcon({ className: "marcador-icono", html: '<span class="marcador marcador--exportacion"></span>', iconSize: [18, 18] }),
    o: L.divIcon({ className: "marcador-icono", html: '<span class="marcador marcador--origen"></span>', iconSize: [18, 18] })
  };

  function parrafo(texto) {
    var p = document.createElement("p");
    p.textContent = texto;
    return p;
  }

  function aviso(texto) {
    var p = parrafo(texto);
    p.setAttribute("role", "status");
    return p;
  }

  function ventana(ficha) {
    var caja = document.createElement("div");
    var titulo = document.createElement("strong");
    titulo.textContent = ficha.nombre;
    caja.append(titulo, parrafo(ficha.tipo));
    if (ficha.sectores.length) { caja.append(parrafo(ficha.sectores.join(", "))); }
    caja.append(parrafo(ficha.pais));
    var enlace = document.createElement("a");
    enlace.href = ficha.url;
    enlace.textContent = datosMapa.enlace || ficha.nombre;
    if (datosMapa.destino) { enlace.target = datosMapa.destino; enlace.rel = "noopener"; }
    caja.append(enlace);
    return caja;
  }

  function direccionFicha(id) {
    return datosMapa.ficha.replace(/0\.json$/, encodeURIComponent(id) + ".json");
  }

  // First opening: "Cargando…", then the consortium's text, kept for the next openings. A failure
  // shows the error text and is not kept, so opening the popup again tries again.
  function abrirVentana(evento) {
    var marcador = evento.target;
    if (marcador.ventanaLista) { return; }
    marcador.setPopupContent(aviso(datosMapa.cargando));
    if (marcador.pidiendo) { return; }
    marcador.pidiendo = true;
    fetch(direccionFicha(marcador.feature.id), { headers: { Accept: "application/json" } })
      .then(function (respuesta) {
        if (!respuesta.ok) { throw new Error(respuesta.status); }
        return respuesta.json();
      })
      .then(function (ficha) {
        marcador.ventanaLista = true;
        marcador.setPopupContent(ventana(ficha));
      })
      .catch(function () { marcador.setPopupContent(aviso(datosMapa.errorFicha)); })
      .finally(function () { marcador.pidiendo = false; });
  }

  fetch(datosMapa.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (respuesta) { return respuesta.json(); })
    .then(function (datos) {
      var grupos = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
      var capa = L.geoJSON(datos, {
        pointToLayer: function (rasgo, punto) {
          var nombre = nombresTipo[rasgo.properties.t] || datosMapa.tipoExportacion;
          return L.marker(punto, { icon: iconos[rasgo.properties.t] || iconos.e, title: nombre, alt: nombre });
        },
        onEachFeature: function (rasgo, marcador) {
          marcador.bindPopup(aviso(datosMapa.cargando));
          marcador.on("popupopen", abrirVentana);
        }
      });
      grupos.addLayers(capa.getLayers());
      // Frame the markers first, without animation, so the clusters are drawn once at the final zoom.
      if (datos.features.length) {
        mapa.fitBounds(capa.getBounds(), { maxZoom: 7, padding: [20, 20], animate: false });
      }
      mapa.addLayer(grupos);
      contenedor.dataset.marcadores = String(datos.features.length);
      contenedor.classList.add("mapa--listo");
      capaInstituciones();
    });

  // The network's member institutions (app "red"), a second layer the reader turns on and off in
  // Leaflet's layer control. Its GeoJSON takes the same query string as the consortia's and lives
  // beside it under the same language prefix (/<lang>/red/instituciones.geojson); it carries its
  // translated layer name ("nombre") and each feature its popup's text. Drawn as SVG circles, not
  // clustered: institutions are few. Without the endpoint (or on failure) the map stays as it is.
  function capaInstituciones() {
    var direccion = datosMapa.geojson.replace(/consorcios\/mapa\.geojson/, "red/instituciones.geojson");
    if (direccion === datosMapa.geojson) { return; }
    fetch(direccion, { headers: { Accept: "application/geo+json" } })
      .then(function (respuesta) {
        if (!respuesta.ok) { throw new Error(respuesta.status); }
        return respuesta.json();
      })
      .then(function (datos) {
        var capa = L.geoJSON(datos, {
          pointToLayer: function (rasgo, punto) {
            return L.circleMarker(punto, {
              radius: 7, color: "#5b2a86", weight: 2, fillColor: "#ffffff", fillOpacity: 1,
              className: "marcador-institucion"
            });
          },
          onEachFeature: function (rasgo, marcador) {
            var caja = document.createElement("div");
            var titulo = document.createElement("strong");
            var enlace = document.createElement("a");
            enlace.href = rasgo.properties.url;
            enlace.textContent = rasgo.properties.nombre;
            if (datosMapa.destino) { enlace.target = datosMapa.destino; enlace.rel = "noopener"; }
            titulo.append(enlace);
            caja.append(titulo, parrafo(rasgo.properties.tipo));
            marcador.bindPopup(caja);
            marcador.bindTooltip(rasgo.properties.nombre);
          }
        }).addTo(mapa);
        var capas = {};
        capas[datos.nombre || "Instituciones"] = capa;
        L.control.layers(null, capas, { collapsed: false }).addTo(mapa);
        contenedor.dataset.instituciones = String(datos.features.length);
      })
      .catch(function () { /* the consortia stay; the layer is an extra */ });
  }
})();
