// The embedded list of common passwords: the most frequent entries of public breach
// corpora (as ranked by NCSC's "100k most common" list and SecLists'
// 10-million-password-list-top-1000), keyboard walks on the QWERTY, AZERTY and Russian
// ЙЦУКЕН layouts, and names and places frequent in Kazakhstan and China. The policy
// (password.cpp) also refuses each entry with digits or symbols before or after it, so
// short entries here still matter under the 12-character minimum. Lower case.

#include "common_passwords.hpp"

namespace corridor::auth {

namespace {
constexpr std::string_view kWords[] = {
    "password", "passw0rd", "p@ssw0rd", "p@ssword", "pa55word", "pass1234", "password1",
    "password12", "password123", "passwort", "motdepasse", "contrasena", "parol", "parol123",
    "parolparol", "пароль", "пароль123", "кұпиясөз", "құпиясөз", "mima", "woaini", "woaini1314",
    "aini1314", "5201314", "1314520", "wodemima", "123456789012", "1234567890", "0123456789",
    "9876543210", "12345678910", "1234567890123", "123456789", "12345678", "1234567", "147258369",
    "147258369147", "159753", "159357", "123321", "123654", "741852963", "963852741", "789456123",
    "456123", "654321", "112233", "121212", "131313", "111222", "123abc", "abc123", "abcd1234",
    "1234abcd", "a1b2c3d4", "a1b2c3d4e5f6", "aa123456", "aaaaaa1", "1a2b3c4d", "qwerty",
    "qwertyui", "qwertyuiop", "qwertyuiop123", "qwerty123", "qwerty123456", "qwerty12345",
    "qwerty1234", "qwertyqwerty", "qwertz", "qwertzuiop", "azerty", "azertyuiop", "asdfgh",
    "asdfghjk", "asdfghjkl", "asdfghjkl123", "zxcvbn", "zxcvbnm", "zxcvbnm123", "qazwsx",
    "qazwsxedc", "qazwsxedcrfv", "1qaz2wsx", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv", "1q2w3e4r",
    "1q2w3e4r5t", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u", "q1w2e3r4", "q1w2e3r4t5", "q1w2e3r4t5y6",
    "zaq12wsx", "zaq1zaq1", "zaq1xsw2", "1qazxsw2", "!qaz2wsx", "qweasdzxc", "qweasd", "qwe123",
    "123qwe", "123qweasd", "123qweasdzxc", "qwe123asd", "asdf1234", "asdfasdf", "asdfqwer",
    "qwerasdf", "qwerasdfzxcv", "ytrewq", "poiuytrewq", "lkjhgfdsa", "mnbvcxz", "1234qwer",
    "qwer1234", "1qw23er4", "zxcasdqwe", "zxc123", "asd123", "йцукен", "йцукенгшщз",
    "йцукенгшщзхъ", "фывапролджэ", "фывапролд", "ячсмитьбю", "ячсмить", "iloveyou", "iloveyou1",
    "iloveyou123", "ilovecats", "ilovedogs", "loveyou", "lovely", "loveme", "lover", "lovelove",
    "mylove", "babygirl", "babyboy", "baby123", "sweetheart", "sweetie", "honey", "honeybee",
    "angel", "angels", "angel123", "princess", "princess1", "prince", "letmein", "letmein123",
    "letmeinnow", "welcome", "welcome1", "welcome123", "welcometo", "hello", "hello123",
    "helloworld", "hellokitty", "hi123", "admin", "admin123", "admin1234", "administrator", "root",
    "toor", "rootroot", "guest", "guest123", "user", "user123", "username", "login", "login123",
    "test", "test123", "testtest", "tester", "demo", "demo123", "default", "changeme", "changeit",
    "secret", "secret123", "topsecret", "mysecret", "private", "access", "access123", "master",
    "master123", "masterkey", "passpass", "trustno1", "whatever", "nothing", "everything",
    "nopassword", "blank", "qwerty1", "temp", "temp123", "temporary", "monkey", "dragon", "shadow",
    "sunshine", "superman", "batman", "spiderman", "ironman", "starwars", "pokemon", "pikachu",
    "naruto", "football", "baseball", "basketball", "soccer", "hockey", "tennis", "golfer",
    "jordan23", "michael", "jennifer", "jessica", "ashley", "daniel", "thomas", "charlie",
    "robert", "william", "george", "andrew", "joshua", "matthew", "anthony", "hunter", "ranger",
    "buster", "tigger", "ginger", "pepper", "maggie", "bailey", "summer", "winter", "autumn",
    "spring", "flower", "flowers", "freedom", "liberty", "justice", "killer", "hacker", "matrix",
    "mustang", "ferrari", "porsche", "corvette", "mercedes", "harley", "yamaha", "computer",
    "internet", "google", "facebook", "youtube", "twitter", "instagram", "microsoft", "apple",
    "samsung", "iphone", "android", "windows", "linux", "ubuntu", "chocolate", "cookie", "banana",
    "orange", "cheese", "pizza", "coffee", "purple", "yellow", "silver", "golden", "diamond",
    "crystal", "rainbow", "butterfly", "dolphin", "elephant", "tiger", "lion", "eagle", "falcon",
    "phoenix", "thunder", "lightning", "dragonfly", "blackdragon", "jesus", "christ", "jesus1",
    "godisgood", "blessed", "heaven", "trinity", "kazakhstan", "qazaqstan", "almaty", "astana",
    "nursultan", "urumqi", "xinjiang", "china", "beijing", "shanghai", "russia", "moscow",
    "moskva", "nikita", "natasha", "anastasia", "dmitry", "sergey", "alexander", "alexandr",
    "vladimir", "svetlana", "tatiana", "marina", "olga", "andrey", "ivanov", "privet", "privet123",
    "zaq123", "solnce", "solnishko", "kotik", "zvezda", "lubov", "lyubov", "aizhan", "aruzhan",
    "nurlan", "yerlan", "asel", "dana", "aigerim", "dias", "arman", "zhangwei", "wangfang",
    "liwei", "woaiwojia", "qq123456", "qq5201314", "abcdefgh", "abcdefghijkl", "abcdefghij",
    "abcdef", "abcdefg", "zyxwvuts", "aaaaaaaaaaaa", "111111111111", "000000000000",
    "123123123123", "121212121212", "112233445566", "111222333444", "123454321", "1234554321",
    "1111aaaa", "aaaa1111", "12qwaszx", "correcthorsebatterystaple", "thequickbrownfox",
    "opensesame", "letitbe", "itsasecret", "youshallnotpass",
};
}  // namespace

std::span<const std::string_view> common_passwords() { return kWords; }

}  // namespace corridor::auth
