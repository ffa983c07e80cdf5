/**
 * The JupyterLab plugin (`jupyterlab.extension` entry of the prebuilt extension, beside the mime renderers of
 * `index.ts`): starts the live comm service on the app's kernel manager, so that views displayed by a live
 * tracelab kernel fetch finer data over the `tracelab` comm when zoomed. Both entries share one webpack
 * container, hence one `dataProviders` registry.
 *
 * For tests the service is published as `window.tracelabLiveComm`.
 *
 * Scope: plugin shape only (structural types: the extension depends on no @jupyterlab/application code).
 */
import type { Kernel } from '@jupyterlab/services';
import { dataProviders } from '../shared/data-providers';
import { LiveCommService } from './live-comm';
import type { IKernelManagerLike } from './live-comm';

/** The part of `JupyterFrontEnd` the plugin uses. */
export interface IAppLike {
  serviceManager: { kernels: Kernel.IManager };
}

/** The plugin object JupyterLab registers (a `JupyterFrontEndPlugin<LiveCommService>`). */
export interface ILiveCommPlugin {
  id: string;
  description: string;
  autoStart: boolean;
  activate(app: IAppLike): LiveCommService;
}

export const liveCommPlugin: ILiveCommPlugin = {
  id: 'tracelab:live-comm',
  description: 'Opens the tracelab comm on live tracelab kernels so that zoomed views fetch finer data.',
  autoStart: true,
  activate: app => {
    const kernels: IKernelManagerLike = app.serviceManager.kernels;
    const service = new LiveCommService(kernels, dataProviders);
    (globalThis as { tracelabLiveComm?: LiveCommService }).tracelabLiveComm = service;
    return service;
  }
};

export default [liveCommPlugin];
