/**
 * tracelab's JupyterLab host application: registers the bundled plugin packages (build/gen/plugins.js, from
 * package.json) and the prebuilt extensions found by the server, starts JupyterLab and waits for it to restore.
 *
 * For tests it publishes `window.jupyterapp` (the JupyterLab instance) and `window.tracelabLab`
 * ({ federated: loaded extension names, errors, started, restored }), and sets
 * `document.body.dataset.tracelabLab` to "started" then "restored".
 *
 * Scope: application assembly only.
 */
import { JupyterLab } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';
import { extensions, mimeExtensions } from '@gen/plugins.js';
import { loadFederatedExtensions } from './federated.js';
import '@gen/style.js';

/** The plugins a module exports (default export: one plugin or a list). */
function pluginsOf(module) {
  const exported = Object.prototype.hasOwnProperty.call(module, '__esModule') ? module.default : module;
  return Array.isArray(exported) ? exported : [exported];
}

/**
 * Plugins left out: language-server ones need jupyter-lsp on the server, and the news announcements need
 * jupyterlab's own server extension; Debian's jupyter_server has neither.
 */
const UNSUPPORTED = [/:language-server/, /^@jupyterlab\/apputils-extension:announcements$/];

function wanted(plugin) {
  return !UNSUPPORTED.some(re => re.test(plugin.id)) && !PageConfig.Extension.isDisabled(plugin.id);
}

async function main() {
  const state = { federated: [], errors: [], started: false, restored: false };
  window.tracelabLab = state;
  const [bundled, bundledMime, federated] = await Promise.all([
    Promise.all(extensions.map(load => load())),
    Promise.all(mimeExtensions.map(load => load())),
    loadFederatedExtensions()
  ]);
  state.federated = federated.loaded;
  state.errors = federated.errors;
  // Mime extensions are passed as IExtension objects (JupyterLab copies them through JSON), not modules.
  const mime = [...bundledMime, ...federated.mimeExtensions].flatMap(pluginsOf);
  const lab = new JupyterLab({ mimeExtensions: mime.filter(wanted) });
  const plugins = [...bundled, ...federated.extensions].flatMap(pluginsOf).filter(wanted);
  lab.registerPlugins(plugins);
  window.jupyterapp = lab;
  await lab.start({ bubblingKeydown: true });
  state.started = true;
  document.body.dataset.tracelabLab = 'started';
  await lab.restored;
  state.restored = true;
  document.body.dataset.tracelabLab = 'restored';
}

main().catch(error => {
  console.error('tracelab lab: JupyterLab failed to start', error);
  document.body.dataset.tracelabLab = 'failed';
});
