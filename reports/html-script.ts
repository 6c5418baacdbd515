/**
 * The report's one inline script: search and filters over the case elements' data-* attributes, a
 * shown-count, and opening the case a URL's #case-id names. It reads only the page: no report data, no
 * network. Without script the page still shows every case (collapsed) and every link works.
 */
export const REPORT_SCRIPT = `(() => {
  const $ = (id) => document.getElementById(id);
  const cases = Array.from(document.querySelectorAll('details.case'));
  const sections = Array.from(document.querySelectorAll('section.rule'));
  const filters = [['f-verdict', 'v'], ['f-group', 'g'], ['f-rule', 'r'], ['f-level', 'l'], ['f-source', 's']];
  let group = ''; // set by a failure group's "show these"

  function apply() {
    const words = $('q').value.toLowerCase().split(/\\s+/).filter(Boolean);
    const wanted = filters.map(([id, key]) => [key, $(id).value]).filter(([, v]) => v !== '');
    let shown = 0;
    for (const el of cases) {
      const ok = (!group || el.dataset.grp === group) && wanted.every(([k, v]) => el.dataset[k] === v) && words.every((w) => el.dataset.t.includes(w));
      el.hidden = !ok;
      if (ok) shown++;
    }
    for (const s of sections) s.hidden = !s.querySelector('details.case:not([hidden])');
    $('shown').textContent = shown + ' of ' + cases.length + ' cases' + (group ? ' (one failure group)' : '');
  }
  const reset = () => { group = ''; };
  let timer;
  $('q').addEventListener('input', () => { reset(); clearTimeout(timer); timer = setTimeout(apply, 120); });
  for (const [id] of filters) $(id).addEventListener('change', () => { reset(); apply(); });
  $('expand').addEventListener('click', () => { for (const el of cases) if (!el.hidden) el.open = true; });
  $('collapse').addEventListener('click', () => { for (const el of cases) el.open = false; });
  // "show these" on a failure group: exactly its cases, until a filter or the search changes.
  for (const b of document.querySelectorAll('button.show-group')) {
    b.addEventListener('click', (e) => {
      e.preventDefault();
      for (const [id] of filters) $(id).value = '';
      $('q').value = '';
      group = b.dataset.grp;
      apply();
      $('q').scrollIntoView();
    });
  }
  function reveal() {
    const id = decodeURIComponent(location.hash.slice(1));
    const el = id && document.getElementById(id);
    if (el && el.matches('details.case')) { el.hidden = false; el.open = true; el.closest('section').hidden = false; el.scrollIntoView(); }
  }
  window.addEventListener('hashchange', reveal);
  reveal();
})();`;
