/*
 * Switchboard Connect: the embeddable modal, a drop-in for Trackstar's main.js.
 *
 *   <script src="https://<switchboard>/link/main.js"></script>
 *   window.Trackstar.init({ getLinkToken, onSuccess, onClose, onLoad, buttonId });
 *   window.Trackstar.open({ integrationId });   // integrationId optional: skips the picker
 *
 * Accepts the props of @trackstar/react-trackstar-link. What the modal offers (integrationType, the allow and block
 * lists, integrationsWithEndpoints, sandbox) and disabledFunctions are set by your backend on POST /link/token: this
 * page runs in your customer's browser, so the server never takes them from here. With a buttonId, init() also
 * defines window["Trackstar" + buttonId], so several buttons can live on one page.
 */
(function () {
  'use strict';
  if (window.Trackstar && window.Trackstar.__switchboard) return;

  var script = document.currentScript;
  // The modal comes from the server this script came from.
  var CONNECT = script && script.src ? new URL(script.src).origin : window.location.origin;

  var SERVER_SIDE = ['integrationType', 'integrationAllowList', 'integrationBlockList', 'integrationsWithEndpoints',
    'sandbox', 'disabledFunctions'];

  function Instance(name) {
    this.name = name;
    this.config = {};
    this.state = { isLoaded: false, isOpen: false };
    this.overlay = null;
    this.listener = null;
  }

  Instance.prototype.init = function (config) {
    this.config = config || {};
    var ignored = SERVER_SIDE.filter(function (name) { return this.config[name] !== undefined; }, this);
    if (ignored.length) {
      console.warn('Switchboard Connect: ' + ignored.join(', ') + ' are set on POST /link/token, not here; ignored');
    }
    if (this.config.buttonId && this.name === 'Trackstar') {
      var named = 'Trackstar' + this.config.buttonId;
      var instance = window[named] instanceof Instance ? window[named] : new Instance(named);
      window[named] = instance;
      instance.init(Object.assign({}, this.config));
    }
    if (!this.state.isLoaded) {
      this.state.isLoaded = true;
      if (typeof this.config.onLoad === 'function') this.config.onLoad();
    }
    return this;
  };

  Instance.prototype.open = function (options) {
    var self = this;
    var config = this.config;
    if (this.state.isOpen) return Promise.resolve();
    if (typeof config.getLinkToken !== 'function') {
      console.error('Switchboard Connect: init({ getLinkToken }) is required');
      return Promise.resolve();
    }
    this.state.isOpen = true;
    return Promise.resolve(config.getLinkToken()).then(function (token) {
      if (typeof token !== 'string' || !token) throw new Error('getLinkToken returned no token');
      var params = new URLSearchParams();
      params.set('link_token', token);
      params.set('origin', window.location.origin);
      if (options && options.integrationId) params.set('integration', options.integrationId);
      self.show(CONNECT + '/link/connect?' + params.toString());
    }).catch(function (error) {
      self.state.isOpen = false;
      console.error('Switchboard Connect: could not open', error);
    });
  };

  Instance.prototype.show = function (src) {
    var self = this;
    var overlay = document.createElement('div');
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-modal', 'true');
    overlay.setAttribute('aria-label', 'Connect your system');
    overlay.setAttribute('data-switchboard-connect', '');
    overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:rgba(15,18,25,.55);'
      + 'display:flex;align-items:center;justify-content:center;padding:0;';
    var frame = document.createElement('iframe');
    frame.src = src;
    frame.title = 'Connect your system';
    frame.allow = '';
    frame.style.cssText = 'border:0;background:#f4f5f8;width:100%;height:100%;max-width:520px;max-height:720px;'
      + 'border-radius:12px;box-shadow:0 20px 60px rgba(0,0,0,.3);';
    overlay.appendChild(frame);
    overlay.addEventListener('click', function (event) { if (event.target === overlay) self.close(); });
    this.keydown = function (event) { if (event.key === 'Escape') self.close(); };
    document.addEventListener('keydown', this.keydown);
    this.listener = function (event) {
      if (event.origin !== CONNECT || event.source !== frame.contentWindow) return;
      var data = event.data || {};
      if (data.source !== 'switchboard-connect') return;
      if (data.type === 'success' && typeof self.config.onSuccess === 'function') {
        self.config.onSuccess(data.auth_code, data.integration_name);
      } else if (data.type === 'close') {
        self.close();
      }
    };
    window.addEventListener('message', this.listener);
    document.body.appendChild(overlay);
    this.overlay = overlay;
    frame.focus();
  };

  Instance.prototype.close = function () {
    if (!this.overlay) { this.state.isOpen = false; return; }
    window.removeEventListener('message', this.listener);
    document.removeEventListener('keydown', this.keydown);
    this.overlay.parentNode && this.overlay.parentNode.removeChild(this.overlay);
    this.overlay = null;
    this.state.isOpen = false;
    if (typeof this.config.onClose === 'function') this.config.onClose();
  };

  var main = new Instance('Trackstar');
  main.__switchboard = true;
  window.Trackstar = main;
})();
