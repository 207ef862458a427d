package org.grantline.grants.letters;

import org.grantline.grants.api.SignerRole;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** One question of a letter, and who answers it: an official, or the legal officer where a signature is needed. */
@MappedEntity("letter_question")
public record LetterQuestion(@Id UUID id, UUID letterId, int position, String text, SignerRole signerRole) {
}
