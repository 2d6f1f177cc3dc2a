/*
 * <partner-suggestions partner="slug" api-key="…" lang="nl" limit="5" purpose="samenwerken" api-base="">
 *
 * purpose="kennisdelen" shows the partners approved to learn from (knowledge exchange)
 * instead of those to work with locally.
 *
 * Shows the suggestions the Alliantie Kinderarmoede's team approved for one partner, as
 * cards in a shadow root. No dependencies, no build step: a partner's website loads this
 * file with <script src> and places the element. Theme it with the --pm-* custom
 * properties on the element, or style the exposed ::part()s.
 */
(() => {
  'use strict';

  // document.currentScript only exists while this file is first evaluated.
  const scriptOrigin = document.currentScript && document.currentScript.src ? new URL(document.currentScript.src).origin : window.location.origin;

  const TEXT = {
    nl: {
      title: 'Partners om mee samen te werken',
      titleKennisdelen: 'Partners om kennis mee te delen',
      loading: 'Suggesties laden…',
      empty: 'Er zijn nog geen goedgekeurde suggesties.',
      error: 'De suggesties konden niet worden geladen.',
      missing: 'Geef het attribuut partner en api-key op.',
      loaded: (count) => (count === 1 ? '1 suggestie' : `${count} suggesties`),
      nationwide: 'Landelijk',
      why: 'Waarom deze partner',
      more: (count) => `en nog ${count}`,
    },
    en: {
      title: 'Partners to work with',
      titleKennisdelen: 'Partners to share knowledge with',
      loading: 'Loading suggestions…',
      empty: 'There are no approved suggestions yet.',
      error: 'The suggestions could not be loaded.',
      missing: 'Set the partner and api-key attributes.',
      loaded: (count) => (count === 1 ? '1 suggestion' : `${count} suggestions`),
      nationwide: 'Nationwide',
      why: 'Why this partner',
      more: (count) => `and ${count} more`,
    },
  };

  const SHOWN_GEMEENTEN = 3;

  const STYLES = `
    :host {
      display: block;
      font-family: var(--pm-font, system-ui, -apple-system, 'Segoe UI', sans-serif);
      color: var(--pm-text, #1f2933);
      --_accent: var(--pm-accent, #c2410c);
      --_muted: var(--pm-muted, #52606d);
      --_radius: var(--pm-radius, 0.75rem);
      --_gap: var(--pm-gap, 1rem);
    }
    :host([hidden]) { display: none; }
    h2 { font-size: var(--pm-title-size, 1.25rem); margin: 0 0 0.5rem; }
    .status { color: var(--_muted); margin: 0 0 var(--_gap); min-height: 1.25em; }
    .status.error { color: var(--pm-error, #b91c1c); }
    ul.cards {
      list-style: none; margin: 0; padding: 0; display: grid; gap: var(--_gap);
      grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--pm-card-min-width, 16rem)), 1fr));
    }
    article {
      height: 100%; box-sizing: border-box; padding: var(--_gap);
      background: var(--pm-card-bg, #ffffff); border: 1px solid var(--pm-border, #d9e2ec);
      border-top: 4px solid var(--_accent); border-radius: var(--_radius);
    }
    h3 { font-size: 1.05rem; margin: 0 0 0.25rem; }
    a { color: var(--_accent); text-decoration-thickness: 1px; text-underline-offset: 0.15em; }
    a:focus-visible { outline: 3px solid var(--pm-focus, #2563eb); outline-offset: 2px; border-radius: 2px; }
    .meta { color: var(--_muted); font-size: 0.9rem; margin: 0 0 0.75rem; }
    .sector { font-weight: 600; }
    h4 { font-size: 0.85rem; margin: 0 0 0.25rem; color: var(--_muted); text-transform: uppercase; letter-spacing: 0.04em; }
    ul.reasons { margin: 0; padding-left: 1.1rem; font-size: 0.95rem; line-height: 1.45; }
    ul.reasons li + li { margin-top: 0.25rem; }
  `;

  /** Only http(s) links are rendered: a profile's website must never become a javascript: URL. */
  function safeHttpUrl(value) {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch {
      return null;
    }
  }

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of children) node.append(child);
    return node;
  }

  class PartnerSuggestionsElement extends HTMLElement {
    static get observedAttributes() {
      return ['partner', 'api-key', 'lang', 'limit', 'purpose', 'api-base'];
    }

    constructor() {
      super();
      this.root = this.attachShadow({ mode: 'open' });
      this.titleId = 'pm-title';
      const sheetSupported = 'adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype;
      if (sheetSupported) {
        // A constructed sheet is not an inline <style>, so a strict style-src on the host page does not block it.
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(STYLES);
        this.root.adoptedStyleSheets = [sheet];
      } else {
        this.root.append(element('style', {}, STYLES));
      }
      this.heading = element('h2', { id: this.titleId, part: 'title' });
      this.status = element('p', { class: 'status', role: 'status', 'aria-live': 'polite', part: 'status' });
      this.list = element('ul', { class: 'cards', role: 'list', part: 'list' });
      this.root.append(element('section', { 'aria-labelledby': this.titleId, part: 'container' }, this.heading, this.status, this.list));
      this.request = null;
    }

    connectedCallback() {
      this.load();
    }

    disconnectedCallback() {
      if (this.request) this.request.abort();
    }

    attributeChangedCallback(_name, previous, current) {
      if (previous !== current && this.isConnected) this.load();
    }

    get text() {
      return TEXT[this.getAttribute('lang') === 'en' ? 'en' : 'nl'];
    }

    async load() {
      const partner = this.getAttribute('partner');
      const key = this.getAttribute('api-key');
      const lang = this.getAttribute('lang') === 'en' ? 'en' : 'nl';
      const limit = this.getAttribute('limit') || '5';
      const purpose = this.getAttribute('purpose') === 'kennisdelen' ? 'kennisdelen' : 'samenwerken';
      const base = (this.getAttribute('api-base') || scriptOrigin).replace(/\/+$/, '');
      this.heading.textContent = purpose === 'kennisdelen' ? this.text.titleKennisdelen : this.text.title;
      this.list.replaceChildren();
      if (!partner || !key) return this.showStatus(this.text.missing, 'error');

      if (this.request) this.request.abort();
      const request = new AbortController();
      this.request = request;
      this.setAttribute('aria-busy', 'true');
      this.showStatus(this.text.loading, 'loading');
      try {
        const url = `${base}/v1/embed/partners/${encodeURIComponent(partner)}/suggestions?lang=${lang}&limit=${encodeURIComponent(limit)}&purpose=${purpose}`;
        const response = await fetch(url, { headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' }, signal: request.signal });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const body = await response.json();
        if (request !== this.request) return;
        this.render(body.items);
      } catch (error) {
        if (request.signal.aborted) return;
        this.showStatus(this.text.error, 'error');
        this.dispatchEvent(new CustomEvent('partner-suggestions-error', { detail: { message: String(error) }, bubbles: true, composed: true }));
      } finally {
        if (request === this.request) this.removeAttribute('aria-busy');
      }
    }

    showStatus(message, state) {
      this.status.textContent = message;
      this.status.className = `status ${state}`;
      this.setAttribute('data-state', state);
    }

    render(items) {
      if (items.length === 0) return this.showStatus(this.text.empty, 'empty');
      this.list.replaceChildren(...items.map((item) => this.card(item)));
      this.showStatus(this.text.loaded(items.length), 'loaded');
    }

    card({ candidate, reasons }) {
      const headingId = `pm-candidate-${candidate.slug}`;
      const website = candidate.website ? safeHttpUrl(candidate.website) : null;
      const name = website
        ? element('a', { href: website, rel: 'noopener noreferrer', target: '_blank', part: 'link' }, candidate.name)
        : candidate.name;
      const reasonsId = `${headingId}-why`;
      return element(
        'li',
        {},
        element(
          'article',
          { 'aria-labelledby': headingId, part: 'card' },
          element('h3', { id: headingId, part: 'name' }, name),
          element('p', { class: 'meta', part: 'meta' }, element('span', { class: 'sector' }, candidate.sectorLabel), ' · ', this.whereText(candidate)),
          element('h4', { id: reasonsId }, this.text.why),
          element('ul', { class: 'reasons', 'aria-labelledby': reasonsId, part: 'reasons' }, ...reasons.map((reason) => element('li', {}, reason.text))),
        ),
      );
    }

    whereText(candidate) {
      if (candidate.scope === 'national' || candidate.gemeenteNames.length === 0) return this.text.nationwide;
      const shown = candidate.gemeenteNames.slice(0, SHOWN_GEMEENTEN).join(', ');
      const hidden = candidate.gemeenteNames.length - SHOWN_GEMEENTEN;
      return hidden > 0 ? `${shown} ${this.text.more(hidden)}` : shown;
    }
  }

  if (!customElements.get('partner-suggestions')) customElements.define('partner-suggestions', PartnerSuggestionsElement);
})();
