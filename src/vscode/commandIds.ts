// Every command, view and context key of the extension, declared once (package.json must agree; a unit test checks).
export const CommandId = {
	AddConnection: 'connections.addConnection',
	EditConnection: 'connections.editConnection',
	DeleteConnection: 'connections.deleteConnection',
	RenameConnection: 'connections.renameConnection',
	ChangeScope: 'connections.changeScope',
	CopyId: 'connections.copyId',
	CopyVariableNames: 'connections.copyVariableNames',
	InsertReference: 'connections.insertReference',
	RevealInFile: 'connections.revealInFile',
	ShowReferences: 'connections.showReferences',
	ValidateWorkspace: 'connections.validateWorkspace',
	OpenFile: 'connections.openFile',
	CreateFile: 'connections.createFile',
	Refresh: 'connections.refresh',
	FixAll: 'connections.fixAll',
	ImportFromComponentYaml: 'connections.importFromComponentYaml',
	SetSecretValue: 'connections.setSecretValue',
	ClearSecretValue: 'connections.clearSecretValue',
	ClearStoredSecrets: 'connections.clearStoredSecrets',
	SwitchEnvironment: 'connections.switchEnvironment',
	OpenTerminal: 'connections.openTerminal',
	GenerateDotenv: 'connections.generateDotenv',
	TestConnection: 'connections.testConnection',
	/** Internal (no palette entry): reveal a connection in the view. */
	RevealInTree: 'connections.revealInTree',
} as const;

export const ViewId = { Explorer: 'connections.explorer' } as const;

export const ContextKey = { HasFile: 'connections:hasFile', ChoreoComponents: 'connections:choreoComponents' } as const;

export const DIAGNOSTIC_SOURCE = 'connections';
