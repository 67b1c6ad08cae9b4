package dev.tessera.template;

import static dev.tessera.template.Templates.eval;
import static dev.tessera.template.Templates.evalError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectionFunctionsTest {

    @Test
    void listBuildsAList() {
        assertThat(eval("${ list }")).isEqualTo(List.of());
        assertThat(eval("${ list \"a\" (list 1 2) nil }")).isEqualTo(Arrays.asList("a", List.of(1L, 2L), null));
    }

    @Test
    void dictBuildsAMapWithTextKeys() {
        assertThat(eval("${ dict \"a\" 1 \"b\" (dict \"c\" true) }")).isEqualTo(Map.of("a", 1L, "b", Map.of("c", true)));
        assertThat(eval("${ dict 1 \"one\" \"lonely\" }")).isEqualTo(Map.of("1", "one", "lonely", ""));
    }

    @Test
    void joinJoinsTextOfNonNilElements() {
        assertThat(eval("${ join \",\" .Client.GrantTypes }")).isEqualTo("client_credentials,authorization_code");
        assertThat(eval("${ list 1 nil \"b\" true | join \"-\" }")).isEqualTo("1-b-true");
        assertThat(eval("${ join \",\" \"single\" }")).isEqualTo("single");
    }

    @Test
    void splitReturnsAnIndexedMapLikeSprig() {
        assertThat(eval("${ split \",\" \"a,b,,c\" }")).isEqualTo(Map.of("_0", "a", "_1", "b", "_2", "", "_3", "c"));
        assertThat(eval("${ (split \"/\" .AuthServer.Audience)._2 }")).isEqualTo("api.example.com");
        assertThat(eval("${ split \",\" \"\" }")).isEqualTo(Map.of("_0", ""));
    }

    @Test
    void splitListAndSplitn() {
        assertThat(eval("${ splitList \",\" \"a,b,c\" }")).isEqualTo(List.of("a", "b", "c"));
        assertThat(eval("${ splitList \"\" \"ab\" }")).isEqualTo(List.of("a", "b"));
        assertThat(eval("${ splitn \",\" 2 \"a,b,c\" }")).isEqualTo(Map.of("_0", "a", "_1", "b,c"));
    }

    @Test
    void toStringsConvertsEachElement() {
        assertThat(eval("${ toStrings (list 1 \"a\" nil 2.5) }")).isEqualTo(List.of("1", "a", "2.5"));
    }

    @Test
    void indexGetAndHasKey() {
        assertThat(eval("${ index .Client.GrantTypes 1 }")).isEqualTo("authorization_code");
        assertThat(eval("${ index (dict \"a\" (list 5 6)) \"a\" 1 }")).isEqualTo(6L);
        assertThat(eval("${ index .Client.Labels \"none\" }")).isNull();
        assertThat(evalError("${ index .Client.GrantTypes 5 }"))
                .isEqualTo("function \"index\" at position 4: index 5 out of range (the list has 2 elements)");
        assertThat(eval("${ get .Client.Labels \"tier\" }")).isEqualTo("gold");
        assertThat(eval("${ get .Client.Labels \"none\" }")).isEqualTo("");
        assertThat(eval("${ hasKey .Client.Labels \"tier\" }")).isEqualTo(true);
        assertThat(evalError("${ get \"x\" \"y\" }"))
                .isEqualTo("function \"get\" at position 4: argument 1 must be a map, got string \"x\"");
    }

    @Test
    void lenFirstLast() {
        assertThat(eval("${ len .Client.GrantTypes }")).isEqualTo(2L);
        assertThat(eval("${ len \"été\" }")).isEqualTo(3L);
        assertThat(eval("${ len .Client.Labels }")).isEqualTo(3L);
        assertThat(eval("${ first .Client.GrantTypes }")).isEqualTo("client_credentials");
        assertThat(eval("${ last .Client.GrantTypes }")).isEqualTo("authorization_code");
        assertThat(eval("${ first (list) }")).isNull();
        assertThat(evalError("${ len 5 }"))
                .isEqualTo("function \"len\" at position 4: argument 1 must be a string, list or map, got integer 5");
    }
}
