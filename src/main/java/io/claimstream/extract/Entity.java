package io.claimstream.extract;

import java.util.List;

/**
 * A person or organisation an article names, under the fullest name it uses.
 *
 * @param type       person, organisation, place, or group ("Ukrainian officials")
 * @param name       the full name as first written ("General Staff of Ukraine's Armed Forces")
 * @param words      the name's words, lower case, without possessors and titles
 * @param titleClass the class of the title it was introduced with (leader, minister, ...), or null
 * @param acronym    initials of the name's capitalised words ("NIS", "NBU"), or null
 */
record Entity(Type type, String name, List<String> words, String titleClass, String acronym) {

    enum Type { PERSON, ORGANISATION, PLACE, GROUP }

    String lastWord() {
        return words.isEmpty() ? "" : words.get(words.size() - 1);
    }
}
