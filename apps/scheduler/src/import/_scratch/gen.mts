import { writeSyntheticList } from '../list-generator.ts';
console.log(await writeSyntheticList(process.argv[2]!, Number(process.argv[3])));
