// Progress of a bid's upload: the form (data-upload-progress) is sent by XMLHttpRequest to show how much is sent.
// Without this script the same form is posted as is. The server answers a success with a redirection to the
// receipt, followed here too; a refusal's page replaces the current one.
(function () {
  'use strict';
  function setUp(form) {
    var box = form.querySelector('[data-progress]');
    var bar = box && box.querySelector('progress');
    var text = box && box.querySelector('[data-progress-text]');
    if (!box || !bar || !text || !window.FormData) return;
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      box.hidden = false;
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.upload.addEventListener('progress', function (p) {
        if (!p.lengthComputable) return;
        var percent = Math.floor((p.loaded / p.total) * 100);
        bar.value = percent;
        text.textContent =
          percent +
          ' % envoyés (' +
          Math.round(p.loaded / 1048576) +
          ' Mio sur ' +
          Math.round(p.total / 1048576) +
          ' Mio)';
      });
      xhr.upload.addEventListener('load', function () {
        text.textContent = 'Envoi terminé : chiffrement et horodatage du pli…';
      });
      xhr.addEventListener('load', function () {
        if (xhr.status < 400 && xhr.responseURL && xhr.responseURL !== form.action) {
          window.location.assign(xhr.responseURL);
          return;
        }
        var page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
        var main = page.querySelector('main');
        var current = document.querySelector('main');
        if (main && current) {
          document.title = page.title;
          current.replaceWith(main);
          var focus = main.querySelector('[data-focus-on-load]');
          if (focus) {
            focus.setAttribute('tabindex', '-1');
            focus.focus();
          }
          var again = main.querySelector('form[data-upload-progress]');
          if (again) setUp(again);
        }
      });
      xhr.addEventListener('error', function () {
        if (button) button.disabled = false;
        text.textContent = 'L’envoi a été interrompu : rien n’a été déposé. Vérifiez votre connexion et recommencez.';
      });
      xhr.send(new FormData(form));
    });
  }
  document.querySelectorAll('form[data-upload-progress]').forEach(setUp);
})();
