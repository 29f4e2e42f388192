// A bid's upload from the deposit page (form data-upload-progress): each chosen file is sent by the resumable
// upload protocol (tus 1.0.0, /api/tenders/…/uploads) with a progress bar; on a network error the script asks the
// hub how much it stored (HEAD) and resumes from there, waiting longer after each failure. Once every file is
// stored, the deposit is made (…/uploads/deposit) and the receipt shown. Without this script the same form is
// posted as is, in one request.
(function () {
  'use strict';
  var TUS = '1.0.0';
  var DELAYS = [1000, 2000, 4000, 8000, 15000, 30000, 30000, 30000, 60000, 60000];

  function b64(text) {
    return window.btoa(unescape(encodeURIComponent(text)));
  }

  function request(method, url, headers, body, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open(method, url);
      Object.keys(headers).forEach(function (k) {
        xhr.setRequestHeader(k, headers[k]);
      });
      if (onProgress && xhr.upload)
        xhr.upload.addEventListener('progress', function (p) {
          onProgress(p.loaded);
        });
      xhr.addEventListener('load', function () {
        resolve(xhr);
      });
      xhr.addEventListener('error', function () {
        reject(new Error('network'));
      });
      xhr.addEventListener('abort', function () {
        reject(new Error('network'));
      });
      xhr.send(body === undefined ? null : body);
    });
  }

  function refusal(xhr) {
    var message = 'Envoi refusé (' + xhr.status + ').';
    try {
      message = JSON.parse(xhr.responseText).message || message;
    } catch (_error) {
      /* not JSON */
    }
    var error = new Error(message);
    error.refused = true;
    return error;
  }

  function wait(ms) {
    return new Promise(function (r) {
      setTimeout(r, ms);
    });
  }

  function setUp(form) {
    var box = form.querySelector('[data-progress]');
    var bar = box && box.querySelector('progress');
    var text = box && box.querySelector('[data-progress-text]');
    var endpoint = form.getAttribute('data-uploads-url');
    var csrf = form.querySelector('input[name="_csrf"]');
    if (!box || !bar || !text || !endpoint || !window.Promise || !window.Blob) return;
    var base = { 'Tus-Resumable': TUS };
    if (csrf) base['X-CSRF-Token'] = csrf.value;
    function headers(extra) {
      var h = {};
      Object.keys(base).forEach(function (k) {
        h[k] = base[k];
      });
      Object.keys(extra || {}).forEach(function (k) {
        h[k] = extra[k];
      });
      return h;
    }

    form.addEventListener('submit', function (e) {
      var files = [];
      ['candidature', 'offre'].forEach(function (part) {
        var input = form.querySelector('input[type="file"][name="' + part + '"]');
        if (input && input.files)
          Array.prototype.forEach.call(input.files, function (f) {
            files.push({ part: part, file: f });
          });
      });
      if (files.length === 0) return; // the server explains what is missing
      e.preventDefault();
      var button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      box.hidden = false;
      var total = files.reduce(function (n, f) {
        return n + f.file.size;
      }, 0);
      var done = 0;
      function show(sent, note) {
        var percent = total ? Math.floor(((done + sent) / total) * 100) : 100;
        bar.value = percent;
        text.textContent =
          percent +
          ' % envoyés (' +
          Math.round((done + sent) / 1048576) +
          ' Mio sur ' +
          Math.round(total / 1048576) +
          ' Mio)' +
          (note ? ' — ' + note : '');
      }

      function sendOne(item) {
        return request(
          'POST',
          endpoint,
          headers({
            'Upload-Length': String(item.file.size),
            'Upload-Metadata':
              'part ' +
              b64(item.part) +
              ',filename ' +
              b64(item.file.name) +
              ',filetype ' +
              b64(item.file.type || 'application/octet-stream'),
          }),
        ).then(function (xhr) {
          if (xhr.status !== 201) throw refusal(xhr);
          var url = new URL(xhr.getResponseHeader('Location'), window.location.href).toString();
          return resume(url, item.file, 0, 0).then(function () {
            done += item.file.size;
            return url.split('/').pop();
          });
        });
      }

      // PATCH from `offset`; on a network error, ask the offset (HEAD) and go on, after a growing delay.
      function resume(url, file, offset, attempt) {
        return request(
          'PATCH',
          url,
          headers({ 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' }),
          file.slice(offset),
          function (loaded) {
            show(offset + loaded);
          },
        ).then(
          function (xhr) {
            if (xhr.status === 204) return;
            if (xhr.status === 409 || xhr.status >= 500) return retry(url, file, attempt, refusal(xhr));
            throw refusal(xhr);
          },
          function (error) {
            return retry(url, file, attempt, error);
          },
        );
      }

      function retry(url, file, attempt, error) {
        if (attempt >= DELAYS.length) throw error;
        show(0, 'connexion interrompue, reprise dans ' + Math.round(DELAYS[attempt] / 1000) + ' s…');
        return wait(DELAYS[attempt])
          .then(function () {
            return request('HEAD', url, headers());
          })
          .then(
            function (xhr) {
              if (xhr.status !== 200) throw refusal(xhr);
              return resume(url, file, Number(xhr.getResponseHeader('Upload-Offset')), attempt + 1);
            },
            function () {
              return retry(url, file, attempt + 1, error);
            },
          );
      }

      var ids = [];
      files
        .reduce(function (chain, item) {
          return chain.then(function () {
            return sendOne(item).then(function (id) {
              ids.push(id);
            });
          });
        }, Promise.resolve())
        .then(function () {
          text.textContent = 'Envoi terminé : horodatage du pli…';
          return request(
            'POST',
            endpoint + '/deposit',
            headers({ 'Content-Type': 'application/json' }),
            JSON.stringify({ uploads: ids }),
          );
        })
        .then(function (xhr) {
          if (xhr.status !== 201 && xhr.status !== 200) throw refusal(xhr);
          window.location.assign('/depots/' + JSON.parse(xhr.responseText).depositId);
        })
        .catch(function (error) {
          if (button) button.disabled = false;
          text.textContent = error.refused
            ? 'Pli non déposé : ' + error.message
            : 'L’envoi a été interrompu et n’a pas pu reprendre : rien n’a été déposé. Vérifiez votre connexion et recommencez.';
        });
    });
  }
  document.querySelectorAll('form[data-upload-progress]').forEach(setUp);
})();
