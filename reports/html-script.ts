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
  function apply() {
    const words = $('q').value.toLowerCase().split(/\\s+/).filter(Boolean);
    const wanted = filters.map(([id, key]) => [key, $(id).value]).filter(([, v]) => v !== '');
    let shown = 0;
    for (const el of cases) {
      const ok = wanted.every(([k, v]) => el.dataset[k] === v) && words.every((w) => el.dataset.t.includes(w));
      el.hidden = !ok;
      if (ok) shown++;
    }
    for (const s of sections) s.hidden = !s.querySelector('details.case:not([hidden])');
    $('shown').textContent = shown + ' of ' + cases.length + ' cases';
  }
  let timer;
  $('q').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(apply, 120); });
  for (const [id] of filters) $(id).addEventListener('change', apply);
  $('expand').addEventListener('click', () => { for (const el of cases) if (!el.hidden) el.open = true; });
  $('collapse').addEventListener('click', () => { for (const el of cases) el.open = false; });
  function reveal() {
    const id = decodeURIComponent(location.hash.slice(1));
    const el = id && document.getElementById(id);
    if (el && el.matches('details.case')) { el.hidden = false; el.open = true; el.closest('section').hidden = false; el.scrollIntoView(); }
  }
  window.addEventListener('hashchange', reveal);
  reveal();
})();`;
