// Live totals of the invoice form (/factures/saisir), computed as the server computes them: exact decimals (BigInt
// cents, never floats), each line net rounded to the cent, VAT per category and rate on the summed base, half away
// from zero. Without this script the "Recalculer" button asks the server for the same figures.
(function () {
  'use strict';

  var SCALE = 8; // digits kept for quantities and prices
  var TEN = BigInt(10);

  function pow10(n) {
    var r = BigInt(1);
    for (var i = 0; i < n; i++) r *= TEN;
    return r;
  }

  /** "1 234,5" → BigInt scaled by 10^scale, or null. */
  function parse(text, scale) {
    var t = String(text)
      .replace(/[\s\u00a0\u202f]/g, '')
      .replace(',', '.');
    if (t === '') return null;
    var m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(t);
    if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return null;
    var frac = m[3] || '';
    if (frac.length > scale) return null;
    var v = BigInt((m[2] || '0') + frac.padEnd(scale, '0'));
    return m[1] === '-' ? -v : v;
  }

  /** a / b rounded half away from zero (b > 0). */
  function roundDiv(a, b) {
    var neg = a < 0;
    var x = neg ? -a : a;
    var q = x / b;
    if ((x % b) * BigInt(2) >= b) q += BigInt(1);
    return neg ? -q : q;
  }

  function money(cents) {
    var neg = cents < 0;
    var s = (neg ? -cents : cents).toString().padStart(3, '0');
    var int = s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
    return (neg ? '−' : '') + int + ',' + s.slice(-2) + '\u00a0€';
  }

  var LABELS = { S: 'TVA', Z: 'Taux zéro', E: 'Exonérée', AE: 'Autoliquidation' };
  var ORDER = ['S', 'Z', 'E', 'AE'];

  function field(form, name) {
    var el = form.elements.namedItem(name);
    return el && 'value' in el ? el.value : '';
  }

  function compute(form) {
    var groups = {};
    function group(vat) {
      var parts = String(vat).split(':');
      var key = vat;
      if (!groups[key]) groups[key] = { category: parts[0], rate: parts[1] || '0', taxable: BigInt(0) };
      return groups[key];
    }
    var lineNet = BigInt(0);
    var ok = true;
    form.querySelectorAll('[data-line]').forEach(function (row, i) {
      var desc = field(form, 'line' + i + '.description').trim();
      var priceText = field(form, 'line' + i + '.unitPrice').trim();
      var discText = field(form, 'line' + i + '.discountPercent').trim();
      var out = row.querySelector('[data-line-net]');
      if (desc === '' && priceText === '' && discText === '') {
        if (out) out.textContent = money(BigInt(0));
        return;
      }
      var qty = parse(field(form, 'line' + i + '.quantity'), SCALE);
      var price = parse(priceText, SCALE);
      var pct = discText === '' ? BigInt(0) : parse(discText, 2);
      if (qty === null || price === null || pct === null) {
        ok = false;
        if (out) out.textContent = '—';
        return;
      }
      var gross = roundDiv(qty * price, pow10(2 * SCALE - 2));
      var discount = pct > BigInt(0) ? roundDiv(gross * pct, BigInt(10000)) : BigInt(0);
      var net = gross - discount;
      if (out) out.textContent = money(net);
      lineNet += net;
      group(field(form, 'line' + i + '.vat')).taxable += net;
    });
    var allowances = BigInt(0);
    var charges = BigInt(0);
    form.querySelectorAll('[data-adjustment]').forEach(function (row, i) {
      var amountText = field(form, 'adj' + i + '.amount').trim();
      if (amountText === '') return;
      var amount = parse(amountText, 2);
      if (amount === null) {
        ok = false;
        return;
      }
      var g = group(field(form, 'adj' + i + '.vat'));
      if (field(form, 'adj' + i + '.kind') === 'charge') {
        charges += amount;
        g.taxable += amount;
      } else {
        allowances += amount;
        g.taxable -= amount;
      }
    });
    var list = Object.keys(groups).map(function (k) {
      var g = groups[k];
      var rateH = parse(g.rate, 2);
      return {
        category: g.category,
        rate: g.rate,
        taxable: g.taxable,
        tax: roundDiv(g.taxable * rateH, BigInt(10000)),
      };
    });
    list.sort(function (a, b) {
      var c = ORDER.indexOf(a.category) - ORDER.indexOf(b.category);
      return c !== 0 ? c : Number(parse(b.rate, 2) - parse(a.rate, 2));
    });
    var vat = list.reduce(function (s, g) {
      return s + g.tax;
    }, BigInt(0));
    var withoutVat = lineNet - allowances + charges;
    var paidText = field(form, 'paidAmount').trim();
    var paid = paidText === '' ? BigInt(0) : parse(paidText, 2);
    if (paid === null) {
      ok = false;
      paid = BigInt(0);
    }
    return {
      ok: ok,
      vat: list,
      totals: {
        lineNet: lineNet,
        allowances: allowances,
        charges: charges,
        withoutVat: withoutVat,
        vatTotal: vat,
        withVat: withoutVat + vat,
        due: withoutVat + vat - paid,
      },
    };
  }

  function render(form) {
    var r = compute(form);
    Object.keys(r.totals).forEach(function (k) {
      var el = form.querySelector('[data-total="' + k + '"]');
      if (!el) return;
      var target = el.querySelector('strong') || el;
      target.textContent = money(r.totals[k]);
    });
    var body = form.querySelector('[data-vat-rows]');
    if (body) {
      while (body.firstChild) body.removeChild(body.firstChild);
      r.vat.forEach(function (g) {
        var tr = document.createElement('tr');
        [
          (LABELS[g.category] || g.category) + ' ' + g.rate.replace('.', ',') + ' %',
          money(g.taxable),
          money(g.tax),
        ].forEach(function (text, i) {
          var td = document.createElement('td');
          if (i > 0) td.className = 'num';
          td.textContent = text;
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('[data-invoice-form]');
    if (!form) return;
    form.addEventListener('input', function () {
      render(form);
    });
    // Text fields are followed on 'input'; a change event only adds what selects do, so that the blur of a field
    // (fired when a button is pressed) changes nothing under the pointer.
    form.addEventListener('change', function (e) {
      if (e.target && e.target.tagName === 'SELECT') render(form);
    });
  });
})();
