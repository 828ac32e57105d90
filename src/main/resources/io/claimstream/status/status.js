// The status page: reads /api/subjects and draws each subject, its claims and a chart of its
// figures over time. Text from the news only ever reaches the page as text nodes and attribute
// values (never as HTML), and links only when they are http(s).
'use strict';

(() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const QUALIFIERS = {EXACT: '', APPROXIMATE: '~', AT_LEAST: '>', AT_MOST: '<'};
  const QUALIFIER_WORDS = {EXACT: 'exactly', APPROXIMATE: 'about', AT_LEAST: 'at least', AT_MOST: 'at most'};
  const CHANGES = {UP: '▲ ', DOWN: '▼ '};
  const REFRESH_MS = 15000;
  const COLOURS = 8; // .c0 … .c7 in status.css
  const CHART = {width: 440, height: 150, left: 58, right: 14, top: 14, bottom: 26};

  const state = {prefix: '', limit: 20, after: '', previous: []};
  let latestRequest = 0;
  let retryTimer = null;

  const $ = (id) => document.getElementById(id);

  // --- elements ----------------------------------------------------------------------------

  function el(tag, attributes, ...children) {
    return build(document.createElement(tag), attributes, children);
  }

  function svg(tag, attributes, ...children) {
    return build(document.createElementNS(SVG, tag), attributes, children);
  }

  function build(node, attributes, children) {
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== null && value !== undefined) {
        node.setAttribute(name, String(value));
      }
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) {
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    }
    return node;
  }

  /** The link as an absolute http(s) URL, or null: a feed could carry javascript: or data: links. */
  function safeHref(link) {
    if (!link) {
      return null;
    }
    try {
      const url = new URL(link);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  // --- numbers and times -------------------------------------------------------------------

  function number(value) {
    return value.toLocaleString('en-US', {maximumFractionDigits: 4});
  }

  /** Short form for axis labels: 250k, 1.2M, 3.5bn. */
  function compact(value) {
    const abs = Math.abs(value);
    const scales = [[1e12, 'tn'], [1e9, 'bn'], [1e6, 'M'], [1e3, 'k']];
    for (const [scale, suffix] of scales) {
      if (abs >= scale) {
        return (value / scale).toLocaleString('en-US', {maximumFractionDigits: 1}) + suffix;
      }
    }
    return value.toLocaleString('en-US', {maximumFractionDigits: 2});
  }

  function figure(claim) {
    const range = claim.value_high === null ? '' : '–' + number(claim.value_high);
    return (CHANGES[claim.change] || '') + (QUALIFIERS[claim.qualifier] || '') + number(claim.value) + range + ' ' + claim.unit;
  }

  function day(iso) {
    return iso.slice(0, 10);
  }

  function minute(iso) {
    return iso.slice(0, 16).replace('T', ' ') + ' UTC';
  }

  function time(iso, text) {
    return el('time', {datetime: iso, title: minute(iso)}, text || day(iso));
  }

  // --- a subject ---------------------------------------------------------------------------

  function subjectSection(subject) {
    const claims = subject.claims;
    const mentions = claims.reduce((sum, c) => sum + c.mentions, 0);
    return el('section', {class: 'subject', 'data-subject-key': subject.subject_key},
      el('header', null,
        el('h2', null, subject.subject),
        el('code', {class: 'key'}, subject.subject_key),
        el('p', {class: 'meta'},
          claims.length + (claims.length === 1 ? ' figure' : ' figures') + ' · ' +
          mentions + (mentions === 1 ? ' mention' : ' mentions') + ' · updated ', time(subject.updated))),
      el('div', {class: 'charts'}, charts(subject)),
      claimsTable(claims));
  }

  function claimsTable(claims) {
    return el('table', {class: 'claims'},
      el('thead', null, el('tr', null,
        el('th', {scope: 'col'}, 'Figure'),
        el('th', {scope: 'col'}, 'Claimed by'),
        el('th', {scope: 'col', class: 'num'}, 'Mentions'),
        el('th', {scope: 'col'}, 'First seen'),
        el('th', {scope: 'col'}, 'Last seen'),
        el('th', {scope: 'col'}, 'Reported in'))),
      el('tbody', null, claims.map(claimRow)));
  }

  function claimRow(claim, index) {
    const stated = QUALIFIER_WORDS[claim.qualifier] + ' ' + number(claim.value) +
      (claim.value_high === null ? '' : ' to ' + number(claim.value_high)) + ' ' + claim.unit +
      (claim.change ? ' (' + claim.change.toLowerCase() + ')' : '') + ', ' + claim.kind;
    return el('tr', {class: 'claim', 'data-claim-key': claim.claim_key},
      el('td', {class: 'figure'}, el('span', {class: 'swatch c' + (index % COLOURS), 'aria-hidden': 'true'}),
        el('span', {title: stated}, figure(claim))),
      el('td', null, claim.claimants.length ? claim.claimants.join(', ') : el('span', {class: 'quiet'}, 'the outlet')),
      el('td', {class: 'num'}, String(claim.mentions)),
      el('td', null, time(claim.first_seen)),
      el('td', null, time(claim.last_seen)),
      el('td', null, el('ul', {class: 'sources'}, claim.sources.map(sourceItem),
        claim.mentions > claim.sources.length
          ? el('li', {class: 'quiet'}, 'and ' + (claim.mentions - claim.sources.length) + ' more')
          : null)));
  }

  function sourceItem(source) {
    const href = safeHref(source.link);
    const title = source.title || source.article_id;
    const heading = href
      ? el('a', {href: href, rel: 'noopener noreferrer nofollow', target: '_blank'}, title)
      : el('span', {class: 'title'}, title);
    return el('li', {class: 'source'},
      el('span', {class: 'outlet'}, source.source), ': ', heading, ' ',
      el('span', {class: 'quiet'}, '(', time(source.published),
        source.claimant ? ', ' + source.claimant : null,
        source.span ? [', “', source.span, '”'] : null, ')'));
  }

  // --- charts ------------------------------------------------------------------------------

  /** One chart per unit: figures in different units do not share an axis. */
  function charts(subject) {
    const byUnit = new Map();
    subject.claims.forEach((claim, index) => {
      if (!byUnit.has(claim.unit)) {
        byUnit.set(claim.unit, []);
      }
      byUnit.get(claim.unit).push({claim, index});
    });
    return [...byUnit].map(([unit, claims]) => chart(subject, unit, claims));
  }

  function chart(subject, unit, claims) {
    const c = CHART;
    const times = [];
    const values = [];
    for (const {claim} of claims) {
      times.push(Date.parse(claim.first_seen), Date.parse(claim.last_seen));
      claim.sources.forEach((s) => times.push(Date.parse(s.published)));
      values.push(claim.value);
      if (claim.value_high !== null) {
        values.push(claim.value_high);
      }
    }
    const [first, last] = [Math.min(...times), Math.max(...times)];
    let [t0, t1] = [first, last];
    if (t1 - t0 < 3600e3) { // one moment: widen to a day around it
      t0 -= 12 * 3600e3;
      t1 += 12 * 3600e3;
    }
    const margin = (t1 - t0) * 0.04; // keeps the first and last points off the axes
    t0 -= margin;
    t1 += margin;
    const highest = Math.max(...values);
    const v0 = Math.min(0, ...values);
    let v1 = highest === v0 ? v0 + 1 : highest;
    v1 += (v1 - v0) * 0.1;
    const x = (t) => c.left + (t - t0) / (t1 - t0) * (c.width - c.left - c.right);
    const y = (v) => c.height - c.bottom - (v - v0) / (v1 - v0) * (c.height - c.top - c.bottom);
    const bottom = c.height - c.bottom;
    const points = claims.reduce((n, {claim}) => n + claim.sources.length, 0);

    const label = 'Figures for ' + subject.subject + ' in ' + unit + ' over time';
    return svg('svg', {
      class: 'chart', viewBox: `0 0 ${c.width} ${c.height}`, width: c.width, height: c.height,
      role: 'img', 'aria-label': label, 'data-unit': unit, 'data-points': points},
    svg('title', null, label),
    svg('line', {class: 'axis', x1: c.left, y1: c.top, x2: c.left, y2: bottom}),
    svg('line', {class: 'axis', x1: c.left, y1: bottom, x2: c.width - c.right, y2: bottom}),
    svg('line', {class: 'grid', x1: c.left, y1: y(highest), x2: c.width - c.right, y2: y(highest)}),
    svg('text', {class: 'tick', x: c.left - 6, y: y(highest) + 4, 'text-anchor': 'end'}, compact(highest)),
    svg('text', {class: 'tick', x: c.left - 6, y: bottom + 4, 'text-anchor': 'end'}, compact(v0)),
    timeTicks(first, last, x, c.height - 6),
    svg('text', {class: 'unit', x: c.left + 6, y: c.top + 4}, unit),
    claims.map(({claim, index}) => claimMarks(claim, index, x, y)));
  }

  /** The dates of the first and last points, under them; one date when they fall on the same day. */
  function timeTicks(first, last, x, baseline) {
    const [from, to] = [day(new Date(first).toISOString()), day(new Date(last).toISOString())];
    if (from === to) {
      return svg('text', {class: 'tick', x: x((first + last) / 2), y: baseline, 'text-anchor': 'middle'}, from);
    }
    return [svg('text', {class: 'tick', x: x(first), y: baseline, 'text-anchor': 'start'}, from),
      svg('text', {class: 'tick', x: x(last), y: baseline, 'text-anchor': 'end'}, to)];
  }

  function claimMarks(claim, index, x, y) {
    const from = x(Date.parse(claim.first_seen));
    const to = x(Date.parse(claim.last_seen));
    const marks = [svg('title', null, figure(claim) + ', ' + claim.mentions + ' mentions')];
    if (claim.value_high !== null) {
      marks.push(svg('rect', {class: 'range', x: from - 3, width: Math.max(6, to - from + 6),
        y: y(claim.value_high), height: Math.max(1, y(claim.value) - y(claim.value_high))}));
    }
    marks.push(svg('line', {class: 'span', x1: from, x2: to, y1: y(claim.value), y2: y(claim.value)}));
    for (const source of claim.sources) {
      marks.push(svg('circle', {class: 'point', r: 4, cx: x(Date.parse(source.published)), cy: y(claim.value)},
        svg('title', null, source.source + ': ' + figure(claim) + ' (' + minute(source.published) + ')')));
    }
    return svg('g', {class: 'claim c' + (index % COLOURS)}, marks);
  }

  // --- loading -----------------------------------------------------------------------------

  function query() {
    const params = new URLSearchParams();
    if (state.prefix) {
      params.set('prefix', state.prefix);
    }
    if (state.after) {
      params.set('after', state.after);
    }
    params.set('limit', String(state.limit));
    return params;
  }

  /** Keeps the address bar in step, so that a filtered page can be bookmarked or shared. */
  function rememberInAddress() {
    const params = query();
    if (state.limit === 20) {
      params.delete('limit');
    }
    const search = params.toString();
    history.replaceState(null, '', search ? '?' + search : location.pathname);
  }

  async function load() {
    clearTimeout(retryTimer);
    const request = ++latestRequest;
    rememberInAddress();
    let response;
    let body = null;
    try {
      response = await fetch('api/subjects?' + query(), {headers: {Accept: 'application/json'}});
      body = await response.json().catch(() => null);
    } catch (e) {
      if (request === latestRequest) {
        showError('The status server does not answer (' + e.message + '); retrying.', 5);
      }
      return;
    }
    if (request !== latestRequest) {
      return; // a later request (new filter or page) has been sent meanwhile
    }
    if (!response.ok) {
      const message = body && body.message ? body.message : 'HTTP ' + response.status;
      const retry = Number(response.headers.get('Retry-After'));
      showError(message, response.status === 503 ? (retry || 5) : 0);
      return;
    }
    render(body);
  }

  function showError(message, retrySeconds) {
    $('status').className = 'error';
    $('status').textContent = message + (retrySeconds ? ' Retrying in ' + retrySeconds + ' s.' : '');
    if (retrySeconds) {
      retryTimer = setTimeout(load, retrySeconds * 1000);
    }
  }

  function render(page) {
    $('subjects').replaceChildren(...page.subjects.map(subjectSection));
    const n = page.subjects.length;
    let text = n === 0 ? 'No subjects' : (n === 1 ? '1 subject' : n + ' subjects');
    if (state.prefix) {
      text += ' with keys starting “' + state.prefix + '”';
    }
    if (state.previous.length) {
      text += ', page ' + (state.previous.length + 1);
    }
    text += page.next ? '; more on the next page.' : '.';
    $('status').className = '';
    $('status').textContent = text;
    $('warnings').replaceChildren(...(page.unreachable || []).map((u) =>
      el('p', {class: 'warning'}, 'Instance ' + u.instance + ' did not answer; its subjects are missing here: ' +
        u.message)));
    state.next = page.next;
    $('next').disabled = !page.next;
    $('previous').disabled = state.previous.length === 0;
    $('first').disabled = state.previous.length === 0;
  }

  // --- controls ----------------------------------------------------------------------------

  function restart() {
    state.after = '';
    state.previous = [];
    load();
  }

  function init() {
    const params = new URLSearchParams(location.search);
    state.prefix = params.get('prefix') || '';
    state.after = params.get('after') || '';
    const limit = Number(params.get('limit'));
    if ([10, 20, 50, 100].includes(limit)) {
      state.limit = limit;
    }
    $('prefix').value = state.prefix;
    $('limit').value = String(state.limit);

    let typing = null;
    $('prefix').addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => {
        state.prefix = $('prefix').value;
        restart();
      }, 250);
    });
    $('filter').addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(typing);
      state.prefix = $('prefix').value;
      restart();
    });
    $('limit').addEventListener('change', () => {
      state.limit = Number($('limit').value);
      restart();
    });
    $('next').addEventListener('click', () => {
      if (state.next) {
        state.previous.push(state.after);
        state.after = state.next;
        load();
      }
    });
    $('previous').addEventListener('click', () => {
      state.after = state.previous.pop() || '';
      load();
    });
    $('first').addEventListener('click', restart);
    setInterval(() => {
      if (!document.hidden) {
        load();
      }
    }, REFRESH_MS);
    load();
  }

  init();
})();
