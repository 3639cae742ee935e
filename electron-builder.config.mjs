// Packaging (`npm run package`): electron-builder, after `electron-vite build` has written out/.
// The fuses are flipped in the packaged Electron binary itself (through @electron/fuses), so they
// hold whatever the environment or command line of a later run says. test/packaging.test.ts reads
// this file and checks each one.

/** @type {import('app-builder-lib').Configuration} */
export default {
  appId: 'app.screening-desk.desk',
  productName: 'Screening Desk',
  directories: { output: 'dist' },
  // The built main, preload and renderer, and the StackOne spec the embedded sandbox validates
  // against (main reads it from <app path>/resources).
  files: ['out/**', 'resources/**', 'package.json'],
  asar: true,
  // Native modules are loaded from disk, never from inside the archive.
  asarUnpack: ['**/*.node'],
  electronFuses: {
    // ELECTRON_RUN_AS_NODE would turn the signed app into a general Node.js interpreter. The desk
    // runs its background work in worker threads, never in a forked Electron.
    runAsNode: false,
    // NODE_OPTIONS / NODE_EXTRA_CA_CERTS and --inspect would let anyone who can start the app
    // inject code or attach a debugger to the process that holds the keychain's secrets.
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    // The session's cookie store on disk is encrypted with the OS keychain's key, like Chrome's.
    enableCookieEncryption: true,
    // Only app.asar is loaded, and its contents are checked against the hash in the binary.
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The renderer is served from the app's own scheme (src-main/electron/app-protocol.ts), so
    // file:// needs none of its legacy privileges.
    grantFileProtocolExtraPrivileges: false,
  },
  linux: { target: ['AppImage', 'deb'], category: 'Office' },
  mac: { target: ['dmg'], category: 'public.app-category.business' },
  win: { target: ['nsis'] },
};
