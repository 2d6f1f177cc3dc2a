// Applies the @nestjs/swagger CLI plugin under ts-jest, with the options of nest-cli.json.
const { before } = require('@nestjs/swagger/plugin');
const nestCli = require('../../nest-cli.json');

const swaggerOptions = nestCli.compilerOptions.plugins.find((plugin) => plugin.name === '@nestjs/swagger').options;

module.exports = {
  name: 'nestjs-swagger-transformer',
  version: 1,
  factory: (tsCompiler) => before(swaggerOptions, tsCompiler.program),
};
