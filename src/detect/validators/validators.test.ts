import { test } from 'node:test';
import assert from 'node:assert/strict';
import { luhnValid, npiValid } from './luhn.js';
import { ibanValid } from './iban.js';
import { abaValid } from './aba.js';
import { nhsValid } from './nhs.js';
import { deaValid } from './dea.js';
import { itinValid, ssnValid } from './ssn.js';
import { base58CheckValid, bech32Valid } from './crypto.js';
import { loadDetectData } from '../data.js';

test('Luhn: known card numbers pass, one changed digit fails', () => {
  for (const n of ['4111111111111111', '5500000000000004', '340000000000009', '6011000000000004', '79927398713']) assert.ok(luhnValid(n), n);
  for (const n of ['4111111111111112', '79927398710', '1', '']) assert.equal(luhnValid(n), false, n);
});

test('NPI: Luhn over 80840 + number (CMS example 1234567893)', () => {
  assert.ok(npiValid('1234567893'));
  assert.equal(npiValid('1234567890'), false);
  assert.equal(npiValid('3234567893'), false, 'must start with 1 or 2');
});

test('IBAN: mod-97 and the country length (ISO 13616 examples)', () => {
  const { ibanLengths } = loadDetectData();
  for (const n of ['GB82WEST12345698765432', 'DE89370400440532013000', 'FR1420041010050500013M02606', 'NL91ABNA0417164300', 'BE68539007547034']) assert.ok(ibanValid(n, ibanLengths), n);
  assert.equal(ibanValid('GB82WEST12345698765433', ibanLengths), false, 'check digits');
  assert.equal(ibanValid('GB82WEST1234569876543', ibanLengths), false, 'length');
  assert.equal(ibanValid('QQ82WEST12345698765432', ibanLengths), false, 'unknown country');
});

test('ABA routing: checksum and Federal Reserve prefix', () => {
  for (const n of ['021000021', '011000015', '121000358', '322271627']) assert.ok(abaValid(n), n);
  assert.equal(abaValid('021000022'), false);
  assert.equal(abaValid('991000021'), false, 'prefix 99 is not issued');
});

test('NHS number: mod-11 (NHS Digital example 943 476 5919)', () => {
  assert.ok(nhsValid('9434765919'));
  assert.equal(nhsValid('9434765918'), false);
  assert.equal(nhsValid('1111111111'), false, 'repeated digits');
});

test('DEA number: registrant letter and checksum', () => {
  assert.ok(deaValid('AB1234563'));
  assert.equal(deaValid('AB1234564'), false);
  assert.equal(deaValid('ZB1234563'), false, 'Z is not a registrant type');
});

test('SSN and ITIN structure', () => {
  assert.ok(ssnValid('536225421'));
  for (const n of ['000123456', '666123456', '900123456', '123001234', '123450000', '078051120']) assert.equal(ssnValid(n), false, n);
  assert.ok(itinValid('912701234'));
  assert.equal(itinValid('912401234'), false, 'group 40 is not an ITIN group');
  assert.equal(itinValid('812701234'), false);
});

test('crypto addresses: BIP-173 Bech32 vector and a Base58Check address', () => {
  assert.ok(bech32Valid('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'));
  assert.ok(bech32Valid('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4'));
  assert.equal(bech32Valid('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5'), false);
  assert.equal(bech32Valid('bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'), false, 'mixed case');
  assert.ok(base58CheckValid('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'));
  assert.ok(base58CheckValid('3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'));
  assert.equal(base58CheckValid('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3'), false);
});
