/* Map picker of the consortium form: a click or a drag places the marker and fills
   the latitude/longitude inputs; typing in them moves the marker (they stay the accessible
   alternative). A search of places (static/datos/lugares.json: capitals and the founding report's
   cities, no geocoder) moves the map and the marker to the chosen one; choosing a country in the
   form zooms to its outline (static/js/consorcios/contornos.js). Settings and texts come from
   data- attributes (no inline script: the CSP forbids it). */
(function () {
  "use strict";
  var contenedor = document.getElementById("selector-mapa");
  if (!contenedor || typeof L === "undefined") { return; }
  var datos = contenedor.dataset;
  // Hashed static names hide the marker images from Leaflet's CSS-based guess: say where they are.
  if (datos.iconos) { L.Icon.Default.imagePath = datos.iconos; }
  var entradaLat = document.getElementById(datos.latitud);
  var entradaLon = document.getElementById(datos.longitud);
  var entradaPais = document.getElementById(datos.pais);
  var centro = (datos.centro || "0,0").split(",").map(Number);
  var mapa = L.map(contenedor, { scrollWheelZoom: false, maxZoom: 18 }).setView(centro, Number(datos.zoom || 3));
  if (datos.teselas) {
    L.tileLayer(datos.teselas, { attribution: datos.atribucion || "", maxZoom: 18 }).addTo(mapa);
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

  // Outlines under the tiles; choosing a country zooms to it.
  var contornos = window.contornosPaises ? window.contornosPaises(mapa) : Promise.resolve(null);
  if (entradaPais) {
    entradaPais.addEventListener("change", function () {
      var codigo = entradaPais.value;
      contornos.then(function (capa) {
        if (!capa || !codigo) { return; }
        capa.eachLayer(function (pais) {
          if (pais.feature.id === codigo) { mapa.fitBounds(pais.getBounds(), { maxZoom: 7 }); }
        });
      });
    });
  }

  // The search of places: built here, since it needs JavaScript (the coordinates do not).
  function sinAcentos(texto) {
    return texto.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  var nombresPais = null;
  try { nombresPais = new Intl.DisplayNames([document.documentElement.lang || "es"], { type: "region" }); } catch (e) { /* old browser: codes */ }
  function etiqueta(lugar) {
    return lugar.nombre + " (" + (nombresPais ? nombresPais.of(lugar.pais) : lugar.pais) + ")";
  }

  if (datos.lugares) {
    var caja = document.createElement("div");
    caja.className = "buscador-lugares";
    var rotulo = document.createElement("label");
    rotulo.htmlFor = "buscar-lugar";
    rotulo.textContent = datos.buscar;
    var entrada = document.createElement("input");
    entrada.type = "search";
    entrada.id = "buscar-lugar";
    entrada.setAttribute("list", "lugares-conocidos");
    entrada.setAttribute("autocomplete", "off");
    entrada.setAttribute("aria-describedby", "buscar-lugar-ayuda");
    var lista = document.createElement("datalist");
    lista.id = "lugares-conocidos";
    var boton = document.createElement("button");
    boton.type = "button";
    boton.className = "boton--secundario";
    boton.textContent = datos.ir;
    var ayuda = document.createElement("p");
    ayuda.id = "buscar-lugar-ayuda";
    ayuda.className = "ayuda";
    ayuda.textContent = datos.buscarAyuda;
    var estado = document.createElement("p");
    estado.className = "ayuda";
    estado.setAttribute("role", "status");
    caja.append(rotulo, entrada, boton, lista, ayuda, estado);
    contenedor.parentNode.insertBefore(caja, contenedor);

    var lugares = [];
    fetch(datos.lugares, { headers: { Accept: "application/json" } })
      .then(function (respuesta) { return respuesta.json(); })
      .then(function (json) {
        lugares = json.lugares;
        lugares.forEach(function (lugar) {
          var opcion = document.createElement("option");
          opcion.value = etiqueta(lugar);
          lista.append(opcion);
        });
      })
      .catch(function () { caja.remove(); });

    var ir = function (silencioso) {
      var buscado = sinAcentos(entrada.value.replace(/\s*\(.*\)\s*$/, ""));
      if (!buscado) { return; }
      var lugar = lugares.find(function (l) {
        return sinAcentos(etiqueta(l)) === sinAcentos(entrada.value) ||
          [l.nombre].concat(l.otros).some(function (n) { return sinAcentos(n) === buscado; });
      });
      if (!lugar) { if (silencioso !== true) { estado.textContent = datos.noEncontrado; } return; }
      estado.textContent = "";
      var punto = L.latLng(lugar.lat, lugar.lon);
      mapa.setView(punto, 9);
      colocar(punto);
      escribir(punto);
      if (entradaPais && !entradaPais.value) { entradaPais.value = lugar.pais; }
    };
    boton.addEventListener("click", ir);
    entrada.addEventListener("change", function () { ir(true); }); // a choice from the list; typing and leaving says nothing
    entrada.addEventListener("keydown", function (evento) {
      if (evento.key === "Enter") { evento.preventDefault(); ir(); } // never submits the consortium form
    });
  }
  contenedor.classList.add("mapa--listo");
})();
