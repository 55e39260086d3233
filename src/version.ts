/** integrity-gate's version, written into every manifest header. A test keeps it equal to package.json. */
export const VERSION = '0.1.0'
