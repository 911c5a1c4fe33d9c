// Conversations, live (README "Conversations"). Without this script every page still works by reloading.
// One EventSource per page, to the member's stream (the header link's data-vivo: a signed, short-lived
// address; it may be on another origin, no cookie needed). On a new message:
// - on that conversation's page, fetch the new messages' <li>s from the page server (a GET, no writes),
//   append them, then POST the read mark (CSRF header): read marks are never written by a GET;
// - everywhere, ask the page server for the unread count and show it in the header (aria-live).
// The reply form is sent by fetch; if that fails the form is submitted normally.
(function () {
  "use strict";
  var enlace = document.querySelector("[data-vivo]");
  if (!enlace || !window.fetch) return;
  // The count shows in the account menu and, on phones, beside the "Menú" button.
  var contadores = document.querySelectorAll("[data-no-leidos]");
  var pagina = document.getElementById("conversacion");
  var lista = document.getElementById("mensajes");
  var formulario = document.getElementById("respuesta");

  function csrf() {
    var campo = document.querySelector("input[name=csrfmiddlewaretoken]");
    return campo ? campo.value : "";
  }

  function actualizarContador() {
    fetch(enlace.dataset.bandejaUrl + "no-leidos/", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (datos) {
        if (!datos) return;
        contadores.forEach(function (contador) {
          contador.querySelector("[data-cuenta]").textContent = String(datos.no_leidos);
          contador.hidden = datos.no_leidos === 0;
        });
      })
      .catch(function () {});
  }

  function ultimoId() {
    var items = lista.querySelectorAll("li[data-id]");
    return items.length ? items[items.length - 1].dataset.id : "0";
  }

  var trayendo = false;
  var otraVez = false;
  function traerNuevos() {
    // One fetch at a time; an event arriving meanwhile asks for one more round.
    if (trayendo) { otraVez = true; return; }
    trayendo = true;
    fetch(pagina.dataset.fragmento + "?despues=" + encodeURIComponent(ultimoId()), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        if (html.trim()) {
          var plantilla = document.createElement("template");
          plantilla.innerHTML = html;
          plantilla.content.querySelectorAll("li[data-id]").forEach(function (li) {
            if (!document.getElementById(li.id)) lista.appendChild(li);
          });
          marcarLeido();
        }
      })
      .catch(function () {})
      .finally(function () {
        trayendo = false;
        if (otraVez) { otraVez = false; traerNuevos(); }
      });
  }

  function marcarLeido() {
    var datos = new FormData();
    datos.append("mensaje", ultimoId());
    fetch(pagina.dataset.leido, {
      method: "POST",
      body: datos,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "X-Requested-With": "fetch" },
    })
      .then(function () {
        var boton = document.querySelector("[data-marcar-leido]");
        if (boton) boton.remove();
        actualizarContador();
      })
      .catch(function () {});
  }

  // No address (VIVO_URL empty): no live channel; the read mark and the reply by fetch still work.
  if (enlace.dataset.vivo && window.EventSource) {
    var fuente = new EventSource(enlace.dataset.vivo);
    fuente.addEventListener("mensaje", function (evento) {
      var datos;
      try { datos = JSON.parse(evento.data); } catch (e) { return; }
      if (pagina && String(datos.conversacion) === pagina.dataset.conversacion) traerNuevos();
      else actualizarContador();
    });
  }

  if (pagina && lista) {
    // The page was just read: its read mark goes by POST, as the button without JavaScript does.
    if (document.querySelector("[data-marcar-leido]")) marcarLeido();
    if (formulario && window.crypto && window.crypto.randomUUID) {
      formulario.addEventListener("submit", function (evento) {
        var texto = formulario.querySelector("textarea[name=cuerpo]");
        if (!texto || !texto.value.trim() || formulario.dataset.enviando) return;
        evento.preventDefault();
        formulario.dataset.enviando = "1";
        fetch(formulario.action, { method: "POST", body: new FormData(formulario), credentials: "same-origin" })
          .then(function (r) {
            if (!r.ok) throw new Error(String(r.status));
            // Sent: clear the box and take a new token, so the next message is not taken for this one.
            texto.value = "";
            formulario.querySelector("input[name=token]").value = window.crypto.randomUUID();
            delete formulario.dataset.enviando;
            traerNuevos();
          })
          .catch(function () {
            // Let the server answer the normal way (errors beside the field, the text kept).
            formulario.submit();
          });
      });
    }
  }
})();
