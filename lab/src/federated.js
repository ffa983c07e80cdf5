/**
 * Loads prebuilt (federated) JupyterLab extensions listed by jupyterlab_server in the page config
 * (`federated_extensions`: name, load, extension, mimeExtension, style), the way JupyterLab itself does:
 * inject each extension's remoteEntry script, initialise webpack's shared scope, hand it to each container,
 * then get the exposed plugin modules.
 *
 * Scope: fetching and initialising remote containers; returns modules, never throws for one bad extension.
 */
import { PageConfig, URLExt } from '@jupyterlab/coreutils';

/** Loads a script by URL; resolves when it ran. */
function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.onerror = () => reject(new Error(`failed to load ${url}`));
    script.onload = () => resolve();
    script.async = true;
    script.src = url;
    document.head.appendChild(script);
  });
}

/** `module.get(path)` of an initialised container, as a module object. */
async function getModule(container, modulePath) {
  const factory = await container.get(modulePath);
  return factory();
}

/**
 * Loads every federated extension of the page config.
 * Resolves to { extensions, mimeExtensions, loaded: names, errors: [{name, message}] }.
 */
export async function loadFederatedExtensions() {
  const result = { extensions: [], mimeExtensions: [], loaded: [], errors: [] };
  const listed = JSON.parse(PageConfig.getOption('federated_extensions') || '[]');
  const baseUrl = PageConfig.getOption('fullLabextensionsUrl');
  const fail = (name, error) => {
    result.errors.push({ name, message: String(error && error.message ? error.message : error) });
    console.error(`tracelab lab: extension ${name} failed to load`, error);
  };
  const scripts = await Promise.allSettled(
    listed.map(ext => loadScript(URLExt.join(baseUrl, ext.name, ext.load)))
  );
  // eslint-disable-next-line no-undef
  await __webpack_init_sharing__('default');
  for (let i = 0; i < listed.length; i++) {
    const ext = listed[i];
    if (scripts[i].status === 'rejected') {
      fail(ext.name, scripts[i].reason);
      continue;
    }
    try {
      const container = window._JUPYTERLAB[ext.name];
      // eslint-disable-next-line no-undef
      await container.init(__webpack_share_scopes__.default);
      if (ext.style) await getModule(container, ext.style);
      if (ext.extension) result.extensions.push(await getModule(container, ext.extension));
      if (ext.mimeExtension) result.mimeExtensions.push(await getModule(container, ext.mimeExtension));
      result.loaded.push(ext.name);
    } catch (error) {
      fail(ext.name, error);
    }
  }
  return result;
}
