export async function runCompare(_argv: string[], _version: string): Promise<void> {}
