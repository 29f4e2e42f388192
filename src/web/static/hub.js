// Small progressive enhancements; every page works without them.
(function () {
  'use strict';

  // Drag and drop onto a file field's drop zone: <div data-dropzone> containing an <input type="file">.
  function setUpDropzone(zone) {
    var input = zone.querySelector('input[type="file"]');
    var chosen = zone.querySelector('[data-chosen]');
    if (!input) return;
    function show() {
      if (!chosen) return;
      var names = [];
      for (var i = 0; i < input.files.length; i++) names.push(input.files[i].name);
      chosen.textContent = names.length ? 'Fichier choisi : ' + names.join(', ') : '';
    }
    input.addEventListener('change', show);
    ['dragenter', 'dragover'].forEach(function (type) {
      zone.addEventListener(type, function (e) {
        e.preventDefault();
        zone.classList.add('is-over');
      });
    });
    ['dragleave', 'drop'].forEach(function (type) {
      zone.addEventListener(type, function () {
        zone.classList.remove('is-over');
      });
    });
    zone.addEventListener('drop', function (e) {
      e.preventDefault();
      if (!e.dataTransfer || !e.dataTransfer.files.length) return;
      var transfer = new DataTransfer();
      var count = input.multiple ? e.dataTransfer.files.length : 1;
      for (var i = 0; i < count; i++) transfer.items.add(e.dataTransfer.files[i]);
      input.files = transfer.files;
      show();
    });
  }

  // "Select all" checkbox: <input type="checkbox" data-select-all="name-of-row-checkboxes">.
  function setUpSelectAll(box) {
    var name = box.getAttribute('data-select-all');
    var form = box.form || document;
    function rows() {
      return form.querySelectorAll('input[type="checkbox"][name="' + name + '"]');
    }
    box.addEventListener('change', function () {
      rows().forEach(function (r) {
        r.checked = box.checked;
      });
    });
    form.addEventListener('change', function (e) {
      if (!e.target || e.target.name !== name) return;
      var all = rows();
      var checked = 0;
      all.forEach(function (r) {
        if (r.checked) checked++;
      });
      box.checked = checked === all.length && all.length > 0;
      box.indeterminate = checked > 0 && checked < all.length;
    });
  }

  // Put focus on the first error or confirmation so screen readers and keyboards start there. A paragraph cannot
  // take focus by itself: it is given tabindex=-1 first, or its message box is focused when that one can.
  function focusNotice() {
    var target = document.querySelector('[data-focus-on-load]');
    if (!target) return;
    if (!target.hasAttribute('tabindex')) {
      var box = target.closest('[tabindex]');
      if (box && box.tagName !== 'MAIN') target = box;
      else target.setAttribute('tabindex', '-1');
    }
    target.focus();
  }

  // Folded filters open by themselves on a wide screen, where they do not push the results away.
  function openWide() {
    if (!window.matchMedia || !window.matchMedia('(min-width: 40rem)').matches) return;
    document.querySelectorAll('details[data-open-wide]').forEach(function (d) {
      d.open = true;
    });
  }

  // A form whose fields depend on a choice (<select data-shows-fields>): only the fields of the chosen option
  // (data-for-choices="A B") are shown and sent; without the script every field stays visible.
  function setUpChoiceFields(select) {
    var form = select.form;
    if (!form) return;
    function apply() {
      form.querySelectorAll('[data-for-choices]').forEach(function (field) {
        var shown = field.getAttribute('data-for-choices').split(' ').indexOf(select.value) >= 0;
        field.hidden = !shown;
        field.querySelectorAll('input, textarea, select').forEach(function (input) {
          input.disabled = !shown;
        });
      });
    }
    select.addEventListener('change', apply);
    apply();
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-dropzone]').forEach(setUpDropzone);
    document.querySelectorAll('[data-select-all]').forEach(setUpSelectAll);
    document.querySelectorAll('select[data-shows-fields]').forEach(setUpChoiceFields);
    openWide();
    focusNotice();
  });
})();
