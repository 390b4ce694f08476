import * as vscode from 'vscode';

/** Disposes every item, collecting nothing and throwing nothing. */
export function disposeAll(items: Iterable<vscode.Disposable>): void {
	for (const d of items) {
		try {
			d.dispose();
		} catch {
			// One failing disposal must not keep the others alive.
		}
	}
}

/** Base for classes that own listeners: everything `_register`ed is disposed with the object. */
export abstract class Disposable implements vscode.Disposable {
	private readonly _disposables: vscode.Disposable[] = [];
	private _isDisposed = false;

	dispose(): void {
		if (!this._isDisposed) {
			this._isDisposed = true;
			disposeAll(this._disposables.splice(0));
		}
	}

	protected get isDisposed(): boolean {
		return this._isDisposed;
	}

	protected _register<T extends vscode.Disposable>(d: T): T {
		if (this._isDisposed) {
			d.dispose();
		} else {
			this._disposables.push(d);
		}
		return d;
	}
}
