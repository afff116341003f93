// Copies what n8n reads from next to the compiled code: the node and credential icons, and the
// action nodes' output schemas (nodes/<Node>/__schema__/v<x.y.z>/<resource>/<operation>.json,
// which n8n serves to its editor from the compiled node's folder), as `n8n-node build` copies them.
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

task('build:icons', copyIcons);
task('build:schemas', copySchemas);
task('build:assets', parallel('build:icons', 'build:schemas'));

function copyIcons() {
	const nodeSource = path.resolve('nodes', '**', '*.{png,svg}');
	const nodeDestination = path.resolve('dist', 'nodes');
	src(nodeSource, { encoding: false }).pipe(dest(nodeDestination));

	const credSource = path.resolve('credentials', '**', '*.{png,svg}');
	const credDestination = path.resolve('dist', 'credentials');
	return src(credSource, { encoding: false }).pipe(dest(credDestination));
}

function copySchemas() {
	return src(path.resolve('nodes', '**', '__schema__', '**', '*.json')).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
}
