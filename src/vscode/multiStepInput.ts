// A multi-step QuickPick/InputBox flow with a back button and a step counter (the pattern of
// VS Code's quickinput sample): each step returns the next one; Back re-runs the previous step.
import * as vscode from 'vscode';
import { Disposable, disposeAll } from './dispose';

class FlowAction {
	static readonly back = new FlowAction();
	static readonly cancel = new FlowAction();
}

export type InputStep = (input: MultiStepInput) => Promise<InputStep | void>;

interface StepCounter {
	readonly title: string;
	/** The step's number and the current total (the total may change with the answers). */
	readonly step: () => { step: number; total: number };
}

export interface PickOptions<T extends vscode.QuickPickItem> extends StepCounter {
	readonly items: readonly T[];
	readonly placeholder: string;
	readonly activeItems?: readonly T[];
	readonly canPickMany?: boolean;
}

export interface InputOptions extends StepCounter {
	readonly value: string;
	readonly prompt: string;
	readonly placeholder?: string;
	/** Live validation: the problem in words, or undefined. */
	readonly validate: (value: string) => string | undefined;
}

export class MultiStepInput extends Disposable {
	private current?: vscode.QuickInput;
	private readonly steps: InputStep[] = [];

	/** Runs a flow from its first step; resolves false when the user cancelled. */
	static async run(start: InputStep): Promise<boolean> {
		const input = new MultiStepInput();
		try {
			return await input.stepThrough(start);
		} finally {
			input.dispose();
		}
	}

	/** How many steps have been taken (the current step's number). */
	get depth(): number {
		return this.steps.length;
	}

	private async stepThrough(start: InputStep): Promise<boolean> {
		let step: InputStep | void = start;
		while (step) {
			this.steps.push(step);
			if (this.current) {
				this.current.enabled = false;
				this.current.busy = true;
			}
			try {
				step = await step(this);
			} catch (err) {
				if (err === FlowAction.back) {
					this.steps.pop();
					step = this.steps.pop();
				} else if (err === FlowAction.cancel) {
					return false;
				} else {
					throw err;
				}
			}
		}
		return true;
	}

	override dispose(): void {
		this.current?.dispose();
		super.dispose();
	}

	private show(input: vscode.QuickInput, counter: StepCounter): void {
		const { step, total } = counter.step();
		input.title = counter.title;
		input.step = step;
		input.totalSteps = Math.max(step, total);
		this.current?.dispose();
		this.current = input;
		input.show();
	}

	/** Shows a pick; resolves the chosen items (one unless canPickMany). */
	pick<T extends vscode.QuickPickItem>(o: PickOptions<T>): Promise<T[]> {
		const listeners: vscode.Disposable[] = [];
		return new Promise<T[]>((resolve, reject) => {
			const input = vscode.window.createQuickPick<T>();
			input.placeholder = o.placeholder;
			input.items = o.items;
			input.canSelectMany = !!o.canPickMany;
			input.ignoreFocusOut = true;
			if (o.activeItems?.length) {
				if (o.canPickMany) {
					input.selectedItems = o.activeItems;
				} else {
					input.activeItems = o.activeItems;
				}
			}
			input.buttons = this.steps.length > 1 ? [vscode.QuickInputButtons.Back] : [];
			listeners.push(
				input.onDidTriggerButton((b) => (b === vscode.QuickInputButtons.Back ? reject(FlowAction.back) : undefined)),
				input.onDidAccept(() => {
					const chosen = o.canPickMany ? [...input.selectedItems] : [...input.selectedItems.slice(0, 1), ...(input.selectedItems.length ? [] : input.activeItems.slice(0, 1))];
					if (o.canPickMany || chosen.length) {
						resolve(chosen);
					}
				}),
				input.onDidHide(() => reject(FlowAction.cancel)),
			);
			this.show(input, o);
		}).finally(() => disposeAll(listeners));
	}

	/** Shows an input box with live validation; resolves the accepted value. */
	input(o: InputOptions): Promise<string> {
		const listeners: vscode.Disposable[] = [];
		return new Promise<string>((resolve, reject) => {
			const input = vscode.window.createInputBox();
			input.value = o.value;
			input.prompt = o.prompt;
			input.placeholder = o.placeholder;
			input.ignoreFocusOut = true;
			input.buttons = this.steps.length > 1 ? [vscode.QuickInputButtons.Back] : [];
			const check = () => {
				const problem = o.validate(input.value);
				input.validationMessage = problem ? { message: problem, severity: vscode.InputBoxValidationSeverity.Error } : undefined;
				return !problem;
			};
			if (o.value) {
				check();
			}
			listeners.push(
				input.onDidTriggerButton((b) => (b === vscode.QuickInputButtons.Back ? reject(FlowAction.back) : undefined)),
				input.onDidChangeValue(() => check()),
				input.onDidAccept(() => {
					if (check()) {
						resolve(input.value);
					}
				}),
				input.onDidHide(() => reject(FlowAction.cancel)),
			);
			this.show(input, o);
		}).finally(() => disposeAll(listeners));
	}
}
