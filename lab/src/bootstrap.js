/**
 * Entry of tracelab's JupyterLab host. Module federation needs an asynchronous boundary before any shared
 * module is used, so this only loads the app (index.js) in a separate chunk.
 */
import('./index.js').catch(error => {
  // eslint-disable-next-line no-console
  console.error('tracelab lab: failed to load the application', error);
});
