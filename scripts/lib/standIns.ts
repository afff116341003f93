// The stand-in PBXs `npm run dev` and `npm run dev:queue` start, and the two credentials that
// point at them. A real AloVoice PBX instead of its stand-in: ALOVOICE_BASE_URL and
// ALOVOICE_TOKEN (or edit the credential in the editor afterwards).
import { ALOVOICE_TOKEN, AloVoiceServer } from '../../test/server/alovoice';
import { TELEDISCOUNT_KEY, TelediscountServer } from '../../test/server/telediscount';
import { standInCredential, telediscountCredential, type Log } from './n8n';

export async function startStandIns(log: Log) {
	let standIn: AloVoiceServer | undefined;
	let baseUrl = process.env.ALOVOICE_BASE_URL;
	const token = process.env.ALOVOICE_TOKEN ?? ALOVOICE_TOKEN;
	if (!baseUrl) {
		standIn = new AloVoiceServer();
		baseUrl = await standIn.start(Number(process.env.STAND_IN_PORT ?? 0));
		log(`Stand-in AloVoice PBX listening on ${baseUrl}`);
	}
	const telediscount = new TelediscountServer();
	const telediscountUrl = await telediscount.start();
	log(`Stand-in Telediscount API listening on ${telediscountUrl}`);
	return {
		baseUrl,
		isStandIn: standIn !== undefined,
		telediscountUrl,
		credentials: [
			...standInCredential(baseUrl, token),
			...telediscountCredential(telediscountUrl, TELEDISCOUNT_KEY),
		],
		async stop() {
			await standIn?.stop();
			await telediscount.stop();
		},
	};
}
