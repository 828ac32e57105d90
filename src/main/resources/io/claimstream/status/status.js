// The status page: reads /api/subjects and draws each subject with its claims, linking to the
// subject's own page (its figures over time, drawn by the server). Text from the news only ever
// reaches the page as text nodes and attribute values (never as HTML), and links only when they
// are http(s).
'use strict';

(() => {
  const QUALIFIERS = {EXACT: '', APPROXIMATE: '~', AT_LEAST: '>', AT_MOST: '<'};
  const QUALIFIER_WORDS = {EXACT: 'exactly', APPROXIMATE: 'about', AT_LEAST: 'at least', AT_MOST: 'at most'};
  const CHANGES = {UP: '▲ ', DOWN: '▼ '};
  const REFRESH_MS = 15000;
  const COLOURS = 8; // .c0 … .c7 in status.css
  const ORDERS = {recent: 'latest change first', reported: 'most reported first', key: 'by key'};
  const DEFAULT_ORDER = 'recent'; // what a reader wants first: what the news changed last

  const state = {prefix: '', limit: 20, order: DEFAULT_ORDER, after: '', previous: []};
  let latestRequest = 0;
  let retryTimer = null;

  const $ = (id) => document.getElementById(id);

  // --- elements ----------------------------------------------------------------------------

  function el(tag, attributes, ...children) {
    return build(document.createElement(tag), attributes, children);
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
    const page = 'subject/' + encodeURIComponent(subject.subject_key);
    return el('section', {class: 'subject', 'data-subject-key': subject.subject_key},
      el('header', null,
        el('h2', null, el('a', {href: page, class: 'permalink'}, subject.subject)),
        el('code', {class: 'key'}, subject.subject_key),
        el('p', {class: 'meta'},
          claims.length + (claims.length === 1 ? ' figure' : ' figures') + ' · ' +
          mentions + (mentions === 1 ? ' mention' : ' mentions') + ' · updated ', time(subject.updated),
          ' · ', el('a', {href: page}, 'figures over time'))),
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
    const title = source.title || source.article_id || source.link; // an empty article_id means it is the link
    const heading = href
      ? el('a', {href: href, rel: 'noopener noreferrer nofollow', target: '_blank'}, title)
      : el('span', {class: 'title'}, title);
    return el('li', {class: 'source'},
      el('span', {class: 'outlet'}, source.source), ': ', heading, ' ',
      el('span', {class: 'quiet'}, '(', time(source.published),
        source.claimant ? ', ' + source.claimant : null,
        source.span ? [', “', source.span, '”'] : null, ')'));
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
    params.set('order', state.order);
    return params;
  }

  /** Keeps the address bar in step, so that a filtered page can be bookmarked or shared. */
  function rememberInAddress() {
    const params = query();
    if (state.limit === 20) {
      params.delete('limit');
    }
    if (state.order === DEFAULT_ORDER) {
      params.delete('order');
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
    text += ', ' + ORDERS[state.order];
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
    if (Object.hasOwn(ORDERS, params.get('order'))) {
      state.order = params.get('order');
    }
    $('prefix').value = state.prefix;
    $('limit').value = String(state.limit);
    $('order').value = state.order;

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
    $('order').addEventListener('change', () => {
      state.order = $('order').value;
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
