// Opens a TCP connection and closes it at once (Test Connection on a database): nothing is sent.
import net from 'node:net';
import type { TcpOutcome } from '../vscode/services';

export function tcpProbe(host: string, port: number, timeoutMs: number, cancel: AbortSignal): Promise<TcpOutcome> {
	return new Promise((resolve) => {
		const socket = net.connect({ host, port });
		let done = false;
		const end = (o: TcpOutcome) => {
			if (!done) {
				done = true;
				clearTimeout(timer);
				cancel.removeEventListener('abort', onAbort);
				socket.destroy();
				resolve(o);
			}
		};
		const onAbort = () => end({ ok: false, reason: 'timeout' });
		const timer = setTimeout(onAbort, timeoutMs);
		cancel.addEventListener('abort', onAbort);
		socket.once('connect', () => end({ ok: true }));
		socket.once('error', (e: NodeJS.ErrnoException) => end({ ok: false,
			reason: e.code === 'ECONNREFUSED' ? 'refused' : e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' ? 'not-found' : 'failed' }));
	});
}
